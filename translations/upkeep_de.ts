<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Upkeep</source>
        <translation>Über Upkeep</translation>
    </message>
    <message>
        <source>Upkeep %1</source>
        <translation>Upkeep %1</translation>
    </message>
    <message>
        <source>Keeps your applications up to date from the repositories their publishers sign.</source>
        <translation>Hält Ihre Anwendungen aktuell, aus den Quellen, die ihre Herausgeber signieren.</translation>
    </message>
    <message>
        <source>Built with Qt %1, running on Qt %2.</source>
        <translation>Erstellt mit Qt %1, läuft mit Qt %2.</translation>
    </message>
</context>
<context>
    <name>ApplicationDelegate</name>
    <message>
        <source>not installed</source>
        <translation>nicht installiert</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>Kritisch</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Angehalten</translation>
    </message>
</context>
<context>
    <name>ApplicationModel</name>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <source>Checking for updates…</source>
        <translation>Suche nach Aktualisierungen …</translation>
    </message>
    <message>
        <source>Up to date</source>
        <translation>Aktuell</translation>
    </message>
    <message>
        <source>Critical update available: %1</source>
        <translation>Kritische Aktualisierung verfügbar: %1</translation>
    </message>
    <message>
        <source>Update available: %1</source>
        <translation>Aktualisierung verfügbar: %1</translation>
    </message>
    <message>
        <source>Reminder at %1</source>
        <translation>Erinnerung am %1</translation>
    </message>
    <message>
        <source>%1 installs at %2</source>
        <translation>%1 wird am %2 installiert</translation>
    </message>
    <message>
        <source>%1 installs when Upkeep quits</source>
        <translation>%1 wird beim Beenden von Upkeep installiert</translation>
    </message>
    <message>
        <source>Updating to %1</source>
        <translation>Aktualisierung auf %1</translation>
    </message>
    <message>
        <source>Rolling back…</source>
        <translation>Wird zurückgesetzt …</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation>Herunterladen</translation>
    </message>
    <message>
        <source>Verifying</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <source>Installing</source>
        <translation>Installieren</translation>
    </message>
    <message>
        <source>Checking health</source>
        <translation>Funktionsprüfung</translation>
    </message>
    <message>
        <source>Critical update ready to install: %1</source>
        <translation>Kritische Aktualisierung bereit zur Installation: %1</translation>
    </message>
    <message>
        <source>Ready to install: %1</source>
        <translation>Bereit zur Installation: %1</translation>
    </message>
    <message>
        <source>Downloading %1 in the background</source>
        <translation>%1 wird im Hintergrund heruntergeladen</translation>
    </message>
    <message>
        <source>Up to date; updates paused</source>
        <translation>Aktuell; Aktualisierungen angehalten</translation>
    </message>
    <message>
        <source>Updates paused: %1 is available</source>
        <translation>Aktualisierungen angehalten: %1 ist verfügbar</translation>
    </message>
    <message>
        <source>Updates paused: %1 does not install at %2</source>
        <translation>Aktualisierungen angehalten: %1 wird nicht um %2 installiert</translation>
    </message>
    <message>
        <source>Updates paused: %1 does not install when Upkeep quits</source>
        <translation>Aktualisierungen angehalten: %1 wird beim Beenden von Upkeep nicht installiert</translation>
    </message>
    <message>
        <source>Could not check</source>
        <translation>Suche fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>AtomicFile</name>
    <message>
        <source>Cannot write %1: %2.</source>
        <translation>%1 kann nicht geschrieben werden: %2.</translation>
    </message>
</context>
<context>
    <name>Autostart</name>
    <message>
        <source>Start at login could not be changed: %1 could not be removed.</source>
        <translation>Der Start bei der Anmeldung ließ sich nicht ändern: %1 ließ sich nicht löschen.</translation>
    </message>
    <message>
        <source>Start at login could not be changed: the folder %1 could not be made.</source>
        <translation>Der Start bei der Anmeldung ließ sich nicht ändern: Der Ordner %1 ließ sich nicht anlegen.</translation>
    </message>
    <message>
        <source>Start at login could not be changed: %1 could not be written (%2).</source>
        <translation>Der Start bei der Anmeldung ließ sich nicht ändern: %1 ließ sich nicht schreiben (%2).</translation>
    </message>
</context>
<context>
    <name>BsdiffDecoder</name>
    <message>
        <source>The patch %1 is damaged: %2.</source>
        <translation>Der Patch %1 ist beschädigt: %2.</translation>
    </message>
    <message>
        <source>The patch %1 unpacks to more than the %2 bytes the manifest gives; it was refused.</source>
        <translation>Der Patch %1 entpackt zu mehr als den %2 Bytes, die das Manifest angibt; er wurde abgelehnt.</translation>
    </message>
    <message>
        <source>The patch %1 is truncated.</source>
        <translation>Der Patch %1 ist abgeschnitten.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2.</source>
        <translation>%1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>a stream is not valid zstd</source>
        <translation>ein Datenstrom ist kein gültiges zstd</translation>
    </message>
    <message>
        <source>%1 is not a bsdiff patch.</source>
        <translation>%1 ist kein bsdiff-Patch.</translation>
    </message>
    <message>
        <source>its header is not valid</source>
        <translation>sein Kopf ist ungültig</translation>
    </message>
    <message>
        <source>The patch %1 unpacks to %2 bytes where the manifest gives %3.</source>
        <translation>Der Patch %1 entpackt zu %2 Bytes, das Manifest gibt %3 an.</translation>
    </message>
    <message>
        <source>it has bytes past its streams</source>
        <translation>er hat Bytes nach seinen Datenströmen</translation>
    </message>
    <message>
        <source>a control value is not valid</source>
        <translation>ein Steuerwert ist ungültig</translation>
    </message>
    <message>
        <source>it seeks outside the old file</source>
        <translation>er springt außerhalb der alten Datei</translation>
    </message>
    <message>
        <source>a step writes nothing</source>
        <translation>ein Schritt schreibt nichts</translation>
    </message>
    <message>
        <source>it reads past the end of the old file</source>
        <translation>er liest über das Ende der alten Datei hinaus</translation>
    </message>
    <message>
        <source>it changed while the patch was applied</source>
        <translation>sie hat sich geändert, während der Patch angewendet wurde</translation>
    </message>
    <message>
        <source>it goes on past the end of the new file</source>
        <translation>er reicht über das Ende der neuen Datei hinaus</translation>
    </message>
    <message>
        <source>it is not a regular file</source>
        <translation>es ist keine gewöhnliche Datei</translation>
    </message>
    <message>
        <source>a stream has bytes past its frame</source>
        <translation>ein Datenstrom hat Bytes hinter seinem Frame</translation>
    </message>
    <message>
        <source>its streams are longer than a file of %1 bytes needs</source>
        <translation>seine Datenströme sind länger, als eine Datei von %1 Bytes braucht</translation>
    </message>
    <message>
        <source>The patch %1 asks for a zstd window of %2 bytes where at most %3 are allowed for a file of %4 bytes; it was refused.</source>
        <translation>Der Patch %1 verlangt ein zstd-Fenster von %2 Bytes, wo für eine Datei von %4 Bytes höchstens %3 erlaubt sind; er wurde abgelehnt.</translation>
    </message>
</context>
<context>
    <name>BsdiffEncoder</name>
    <message>
        <source>A bsdiff stream came out of the wrong size.</source>
        <translation>Ein bsdiff-Datenstrom hat die falsche Größe.</translation>
    </message>
    <message>
        <source>zstd failed: %1.</source>
        <translation>zstd ist fehlgeschlagen: %1.</translation>
    </message>
    <message>
        <source>The old file is too large for a bsdiff patch (more than %1 bytes).</source>
        <translation>Die alte Datei ist zu groß für einen bsdiff-Patch (mehr als %1 Bytes).</translation>
    </message>
    <message>
        <source>Sorting the old file&apos;s suffixes failed.</source>
        <translation>Das Sortieren der Suffixe der alten Datei ist fehlgeschlagen.</translation>
    </message>
</context>
<context>
    <name>BundleWriter</name>
    <message>
        <source>Cannot write the bundle %1: %2.</source>
        <translation>Das Paket %1 kann nicht geschrieben werden: %2.</translation>
    </message>
    <message>
        <source>Cannot read %1.</source>
        <translation>%1 kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>Cannot write the bundle %1.</source>
        <translation>Das Paket %1 kann nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>%1 changed after the release was read: its content no longer has the sha256 of the manifest (and of its object). Publish again from a folder nothing writes to.</source>
        <translation>%1 hat sich geändert, nachdem die Version gelesen wurde: Der Inhalt hat nicht mehr die sha256 des Manifests (und seines Objekts). Veröffentlichen Sie erneut aus einem Ordner, in den nichts schreibt.</translation>
    </message>
    <message>
        <source>The tar ended before the content of %1.</source>
        <translation>Das tar-Archiv endete vor dem Inhalt von %1.</translation>
    </message>
    <message>
        <source>libarchive passed on %1 bytes of the tar where it had %2.</source>
        <translation>libarchive hat %1 Bytes des tar-Archivs weitergegeben, wo es %2 hatte.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2.</source>
        <translation>%1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>The bundle %1 was not compressed yet.</source>
        <translation>Das Paket %1 wurde noch nicht komprimiert.</translation>
    </message>
    <message>
        <source>it is shorter than it was</source>
        <translation>sie ist kürzer als zuvor</translation>
    </message>
    <message>
        <source>Cannot read the object %1 for the bundle: %2.</source>
        <translation>Das Objekt %1 für das Paket kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>The object %1 is not a frame of %2 bytes within the window clients allow; it cannot go into the bundle.</source>
        <translation>Das Objekt %1 ist kein Frame von %2 Bytes innerhalb des Fensters, das Clients erlauben; es kann nicht in das Paket aufgenommen werden.</translation>
    </message>
</context>
<context>
    <name>Certificate</name>
    <message>
        <source>The certificate is %1 bytes long; a certificate is never larger than %2 bytes.</source>
        <translation>Das Zertifikat ist %1 Bytes lang; ein Zertifikat ist nie größer als %2 Bytes.</translation>
    </message>
    <message>
        <source>The certificate is not a readable DER X.509 certificate.</source>
        <translation>Das Zertifikat ist kein lesbares DER-X.509-Zertifikat.</translation>
    </message>
    <message>
        <source>The certificate has %1 bytes after its end.</source>
        <translation>Das Zertifikat hat %1 Bytes nach seinem Ende.</translation>
    </message>
    <message>
        <source>The certificate file is %1 bytes long; a certificate is never larger than %2 bytes.</source>
        <translation>Die Zertifikatsdatei ist %1 Bytes lang; ein Zertifikat ist nie größer als %2 Bytes.</translation>
    </message>
    <message>
        <source>The file holds no readable PEM certificate (&quot;-----BEGIN CERTIFICATE-----&quot;).</source>
        <translation>Die Datei enthält kein lesbares PEM-Zertifikat („-----BEGIN CERTIFICATE-----“).</translation>
    </message>
</context>
<context>
    <name>CertificateAuthority</name>
    <message>
        <source>OpenSSL failed: %1.</source>
        <translation>OpenSSL ist gescheitert: %1.</translation>
    </message>
    <message>
        <source>A validity of %1 days is not possible; give at least one day.</source>
        <translation>Eine Gültigkeit von %1 Tagen ist nicht möglich; geben Sie mindestens einen Tag an.</translation>
    </message>
    <message>
        <source>The publisher&apos;s CA needs the organisation&apos;s name; it is empty.</source>
        <translation>Die Zertifizierungsstelle des Herausgebers braucht den Namen der Organisation; er ist leer.</translation>
    </message>
    <message>
        <source>The CA key is not the key of the CA certificate %1.</source>
        <translation>Der CA-Schlüssel ist nicht der Schlüssel des CA-Zertifikats %1.</translation>
    </message>
    <message>
        <source>A signer certificate needs the signer&apos;s name; it is empty.</source>
        <translation>Ein Signiererzertifikat braucht den Namen des Signierers; er ist leer.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a certificate serial (hexadecimal digits).</source>
        <translation>„%1“ ist keine Zertifikatsseriennummer (Hexadezimalziffern).</translation>
    </message>
</context>
<context>
    <name>CertificateFolder</name>
    <message>
        <source>No key folder was given for the CA certificate.</source>
        <translation>Für das CA-Zertifikat wurde kein Schlüsselordner angegeben.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Der Ordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>No key folder was given for the certificate.</source>
        <translation>Für das Zertifikat wurde kein Schlüsselordner angegeben.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2.</source>
        <translation>%1 kann nicht gelesen werden: %2.</translation>
    </message>
</context>
<context>
    <name>ChannelModel</name>
    <message>
        <source>Stable</source>
        <translation>Stabil</translation>
    </message>
    <message>
        <source>Beta</source>
        <translation>Beta</translation>
    </message>
    <message>
        <source>Nightly</source>
        <translation>Nightly</translation>
    </message>
    <message>
        <source>Releases that have been tested widely. Recommended for most people.</source>
        <translation>Ausgiebig getestete Versionen. Für die meisten Menschen empfohlen.</translation>
    </message>
    <message>
        <source>Upcoming releases a few weeks early. Mostly ready, but expect the odd bug.</source>
        <translation>Kommende Versionen einige Wochen früher. Weitgehend fertig, aber mit gelegentlichen Fehlern ist zu rechnen.</translation>
    </message>
    <message>
        <source>Built every night from the newest code. Things break; for testers and developers.</source>
        <translation>Jede Nacht aus dem neuesten Code gebaut. Es geht auch mal etwas kaputt; für Testende und Entwickelnde.</translation>
    </message>
    <message>
        <source>The repository&apos;s most stable channel.</source>
        <translation>Der stabilste Kanal der Quelle.</translation>
    </message>
    <message>
        <source>Less tested than %1; you also get every newer release from the channels above it.</source>
        <translation>Weniger getestet als %1; Sie erhalten auch jede neuere Version der Kanäle darüber.</translation>
    </message>
</context>
<context>
    <name>ChannelSelector</name>
    <message>
        <source>Update channel</source>
        <translation>Aktualisierungskanal</translation>
    </message>
    <message>
        <source>What this channel means</source>
        <translation>Was dieser Kanal bedeutet</translation>
    </message>
    <message>
        <source>C&amp;hannel:</source>
        <translation>&amp;Kanal:</translation>
    </message>
    <message>
        <source>The channels appear after the first check.</source>
        <translation>Die Kanäle erscheinen nach der ersten Suche.</translation>
    </message>
    <message>
        <source>Change channel</source>
        <translation>Kanal wechseln</translation>
    </message>
    <message>
        <source>Follow the %1 channel?</source>
        <translation>Dem Kanal %1 folgen?</translation>
    </message>
    <message>
        <source>%1

Releases on %2 are less tested than on %3. You can go back to %3 at any time.</source>
        <translation>%1

Versionen auf %2 sind weniger getestet als auf %3. Sie können jederzeit zu %3 zurückkehren.</translation>
    </message>
    <message>
        <source>Follow %1</source>
        <translation>%1 folgen</translation>
    </message>
    <message>
        <source>The installed version %1 came from a less stable channel. Stay on it until %2 publishes a newer release, or go back now to the newest kept version that %2 has published.</source>
        <translation>Die installierte Version %1 stammt aus einem weniger stabilen Kanal. Bleiben Sie bei ihr, bis %2 eine neuere Version veröffentlicht, oder kehren Sie jetzt zur neuesten aufbewahrten Version zurück, die %2 veröffentlicht hat.</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>Stay until %1 catches up</source>
        <translation>Bleiben, bis %1 aufholt</translation>
    </message>
    <message>
        <source>Roll back now</source>
        <translation>Jetzt zurücksetzen</translation>
    </message>
</context>
<context>
    <name>Channels</name>
    <message>
        <source>The repository has no channel &quot;%1&quot;; it has %2.</source>
        <translation>Die Quelle hat keinen Kanal „%1“; sie hat %2.</translation>
    </message>
    <message>
        <source>The releases of channel &quot;%1&quot; are not known yet; check for updates again.</source>
        <translation>Die Versionen des Kanals „%1“ sind noch nicht bekannt; suchen Sie erneut nach Aktualisierungen.</translation>
    </message>
</context>
<context>
    <name>CheckFailure</name>
    <message>
        <source>Upkeep could not reach the publisher&apos;s server.</source>
        <translation>Upkeep konnte den Server des Herausgebers nicht erreichen.</translation>
    </message>
    <message>
        <source>The publisher&apos;s server does not have the update information Upkeep asked for.</source>
        <translation>Der Server des Herausgebers hat die Aktualisierungsdaten nicht, nach denen Upkeep gefragt hat.</translation>
    </message>
    <message>
        <source>The update information on the publisher&apos;s server has expired.</source>
        <translation>Die Aktualisierungsdaten auf dem Server des Herausgebers sind abgelaufen.</translation>
    </message>
    <message>
        <source>Upkeep refused the update information it received, because it is not signed as it must be.</source>
        <translation>Upkeep hat die erhaltenen Aktualisierungsdaten abgelehnt, weil sie nicht so signiert sind, wie sie es sein müssen.</translation>
    </message>
    <message>
        <source>Upkeep could not check because of a problem on this computer.</source>
        <translation>Upkeep konnte wegen eines Problems auf diesem Computer nicht nach Aktualisierungen suchen.</translation>
    </message>
    <message>
        <source>Check that this computer is connected to the network. The publisher&apos;s server may also be down for a while; try again later.</source>
        <translation>Prüfen Sie, ob dieser Computer mit dem Netzwerk verbunden ist. Der Server des Herausgebers kann auch vorübergehend ausgefallen sein; versuchen Sie es später noch einmal.</translation>
    </message>
    <message>
        <source>The publisher may be moving the server; try again later, and tell the publisher if it lasts.</source>
        <translation>Vielleicht zieht der Herausgeber mit dem Server um; versuchen Sie es später noch einmal und wenden Sie sich an den Herausgeber, wenn es so bleibt.</translation>
    </message>
    <message>
        <source>Check that this computer&apos;s date and time are right. If they are, the publisher has to renew the information; try again later, and tell the publisher if it lasts.</source>
        <translation>Prüfen Sie, ob Datum und Uhrzeit dieses Computers stimmen. Wenn ja, muss der Herausgeber die Daten erneuern; versuchen Sie es später noch einmal und wenden Sie sich an den Herausgeber, wenn es so bleibt.</translation>
    </message>
    <message>
        <source>Nothing was changed on this computer. This happens while a publisher updates the server, or when someone tampers with the connection; try again later, and tell the publisher if it lasts.</source>
        <translation>Auf diesem Computer wurde nichts verändert. Das kommt vor, während ein Herausgeber seinen Server aktualisiert, oder wenn jemand die Verbindung manipuliert; versuchen Sie es später noch einmal und wenden Sie sich an den Herausgeber, wenn es so bleibt.</translation>
    </message>
    <message>
        <source>Try again; if it lasts, the details say what went wrong.</source>
        <translation>Versuchen Sie es noch einmal; wenn es so bleibt, sagen die Details, was schiefgegangen ist.</translation>
    </message>
    <message>
        <source>The publisher&apos;s server did not let Upkeep in: it refused the password or the certificate.</source>
        <translation>Der Server des Herausgebers hat Upkeep nicht hereingelassen: Er hat das Passwort oder das Zertifikat abgelehnt.</translation>
    </message>
    <message>
        <source>If your password changed, sign in again with the new one. If you use a certificate, check that it has not expired. If it lasts, ask the publisher whether your access still holds.</source>
        <translation>Wenn sich Ihr Passwort geändert hat, melden Sie sich mit dem neuen erneut an. Wenn Sie ein Zertifikat verwenden, prüfen Sie, ob es abgelaufen ist. Wenn es so bleibt, fragen Sie den Herausgeber, ob Ihr Zugang noch gilt.</translation>
    </message>
    <message>
        <source>Upkeep did not trust the server it reached: its certificate is not one this computer accepts.</source>
        <translation>Upkeep hat dem erreichten Server nicht vertraut: Dieser Computer akzeptiert sein Zertifikat nicht.</translation>
    </message>
    <message>
        <source>Nothing was downloaded from it. Check that this computer&apos;s date and time are right. A network that intercepts secure connections (at some workplaces, hotels or airports) causes this too; try another network. If it lasts, the publisher&apos;s certificate may have expired: tell the publisher.</source>
        <translation>Von diesem Server wurde nichts heruntergeladen. Prüfen Sie, ob Datum und Uhrzeit dieses Computers stimmen. Auch ein Netzwerk, das sichere Verbindungen abfängt (an manchen Arbeitsplätzen, in Hotels oder an Flughäfen), führt dazu; versuchen Sie es in einem anderen Netzwerk. Wenn es so bleibt, ist vielleicht das Zertifikat des Herausgebers abgelaufen: Wenden Sie sich an den Herausgeber.</translation>
    </message>
</context>
<context>
    <name>DayAndTime</name>
    <message>
        <source>yesterday at %1</source>
        <translation>gestern um %1</translation>
    </message>
    <message>
        <source>today at %1</source>
        <translation>heute um %1</translation>
    </message>
    <message>
        <source>tomorrow at %1</source>
        <translation>morgen um %1</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>am %1 um %2</translation>
    </message>
</context>
<context>
    <name>DelegatedRole</name>
    <message>
        <source>delegated role &quot;%1&quot; must have either paths or path_hash_prefixes</source>
        <translation>die delegierte Rolle „%1“ muss entweder paths oder path_hash_prefixes haben</translation>
    </message>
    <message>
        <source>%1 is &quot;%2&quot;, the name of a top-level role; a delegated role cannot be called root, timestamp, snapshot or targets</source>
        <translation>%1 ist „%2“, der Name einer Rolle der obersten Ebene; eine delegierte Rolle darf nicht root, timestamp, snapshot oder targets heißen</translation>
    </message>
</context>
<context>
    <name>DesktopNotifications</name>
    <message>
        <source>Open Upkeep</source>
        <translation>Upkeep öffnen</translation>
    </message>
    <message>
        <source>Update now</source>
        <translation>Jetzt aktualisieren</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Später</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
</context>
<context>
    <name>DesktopSession</name>
    <message>
        <source>Critical update for %1</source>
        <translation>Kritische Aktualisierung für %1</translation>
    </message>
    <message>
        <source>Update for %1</source>
        <translation>Aktualisierung für %1</translation>
    </message>
    <message>
        <source>%1 %2 fixes a serious problem. Click to install it.</source>
        <translation>%1 %2 behebt ein ernstes Problem. Klicken Sie, um es zu installieren.</translation>
    </message>
    <message>
        <source>%1 %2 is available. Click to see what changed.</source>
        <translation>%1 %2 ist verfügbar. Klicken Sie, um die Neuerungen zu sehen.</translation>
    </message>
    <message>
        <source>%1 updated</source>
        <translation>%1 aktualisiert</translation>
    </message>
    <message>
        <source>%1 %2 is installed.</source>
        <translation>%1 %2 ist installiert.</translation>
    </message>
    <message>
        <source>%1 was rolled back</source>
        <translation>%1 wurde zurückgesetzt</translation>
    </message>
    <message>
        <source>%1 %2 failed its health check, so %3 runs again. %4</source>
        <translation>%1 %2 hat die Funktionsprüfung nicht bestanden, daher läuft wieder %3. %4</translation>
    </message>
    <message>
        <source>%1 is back on %2.</source>
        <translation>%1 ist wieder auf %2.</translation>
    </message>
    <message>
        <source>%1 could not be updated</source>
        <translation>%1 konnte nicht aktualisiert werden</translation>
    </message>
    <message>
        <source>The update of %1 was cancelled.</source>
        <translation>Die Aktualisierung von %1 wurde abgebrochen.</translation>
    </message>
    <message>
        <source>%1: something went wrong</source>
        <translation>%1: Etwas ist schiefgegangen</translation>
    </message>
    <message>
        <source>upkeep: this desktop has no system tray (no status notifier or tray host is running), so Upkeep cannot hide there; it opens its window instead.</source>
        <translation>upkeep: Diese Arbeitsumgebung hat keinen Systemabschnitt der Kontrollleiste (kein Statusbenachrichtigungs- oder Tray-Dienst läuft), daher kann sich Upkeep dort nicht verbergen; es öffnet stattdessen sein Fenster.</translation>
    </message>
    <message>
        <source>Installing the updates scheduled for quitting…</source>
        <translation>Die für das Beenden geplanten Aktualisierungen werden installiert …</translation>
    </message>
    <message>
        <source>%1 is being updated; stop managing it once that has finished.</source>
        <translation>%1 wird gerade aktualisiert; beenden Sie die Verwaltung, wenn das abgeschlossen ist.</translation>
    </message>
    <message>
        <source>Upkeep no longer manages %1; %2 is deleted.</source>
        <translation>Upkeep verwaltet %1 nicht mehr; %2 ist gelöscht.</translation>
    </message>
    <message>
        <source>Upkeep no longer manages %1; its files stay in %2.</source>
        <translation>Upkeep verwaltet %1 nicht mehr; die Dateien bleiben in %2.</translation>
    </message>
</context>
<context>
    <name>DirectorySource</name>
    <message>
        <source>Cannot read %1: %2.</source>
        <translation>%1 kann nicht gelesen werden: %2.</translation>
    </message>
</context>
<context>
    <name>DownloadCache</name>
    <message>
        <source>Cannot create %1.</source>
        <translation>%1 kann nicht angelegt werden.</translation>
    </message>
</context>
<context>
    <name>Fetcher</name>
    <message>
        <source>The download was cancelled.</source>
        <translation>Der Download wurde abgebrochen.</translation>
    </message>
    <message>
        <source>%1 is %2 bytes where the signed metadata gives %3.</source>
        <translation>%1 ist %2 Bytes groß, die signierten Metadaten geben %3 an.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2.</source>
        <translation>%1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>%1 ends after %2 of %3 bytes.</source>
        <translation>%1 endet nach %2 von %3 Bytes.</translation>
    </message>
    <message>
        <source>%1 ended after %2 of %3 bytes.</source>
        <translation>%1 endete nach %2 von %3 Bytes.</translation>
    </message>
    <message>
        <source>Cannot download %1. %2</source>
        <translation>%1 kann nicht heruntergeladen werden. %2</translation>
    </message>
    <message>
        <source>There is no mirror to download from.</source>
        <translation>Es gibt keinen Spiegel, von dem heruntergeladen werden kann.</translation>
    </message>
    <message>
        <source>Two different downloads, %1 and %2, go to %3.</source>
        <translation>Zwei verschiedene Downloads, %1 und %2, gehen nach %3.</translation>
    </message>
    <message>
        <source>The copy of %1 from %2 does not match the signed metadata; it was discarded.</source>
        <translation>Die Kopie von %1 aus %2 passt nicht zu den signierten Metadaten; sie wurde verworfen.</translation>
    </message>
    <message>
        <source>The download of %1 needs a length, a sha256 or a check, and a destination.</source>
        <translation>Der Download von %1 braucht eine Länge, eine sha256 oder eine Prüfung und ein Ziel.</translation>
    </message>
</context>
<context>
    <name>FieldReader</name>
    <message>
        <source>the document must be a JSON object</source>
        <translation>das Dokument muss ein JSON-Objekt sein</translation>
    </message>
    <message>
        <source>%1 must be an object</source>
        <translation>%1 muss ein Objekt sein</translation>
    </message>
    <message>
        <source>%1 is missing</source>
        <translation>%1 fehlt</translation>
    </message>
    <message>
        <source>%1 must be %2, not %3</source>
        <translation>%1 muss %2 sein, nicht %3</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>eine Zeichenkette</translation>
    </message>
    <message>
        <source>an integer</source>
        <translation>eine ganze Zahl</translation>
    </message>
    <message>
        <source>%1 must be at least %2, not %3</source>
        <translation>%1 muss mindestens %2 sein, nicht %3</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true oder false</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>ein Objekt</translation>
    </message>
    <message>
        <source>an array</source>
        <translation>ein Array</translation>
    </message>
    <message>
        <source>%1 must be a UTC time such as 2030-01-31T12:00:00Z, not &quot;%2&quot;</source>
        <translation>%1 muss eine UTC-Zeit wie 2030-01-31T12:00:00Z sein, nicht „%2“</translation>
    </message>
    <message>
        <source>%1 must hold strings only</source>
        <translation>%1 darf nur Zeichenketten enthalten</translation>
    </message>
</context>
<context>
    <name>FileHashes</name>
    <message>
        <source>%1.%2 must be a hex string</source>
        <translation>%1.%2 muss eine Hex-Zeichenkette sein</translation>
    </message>
    <message>
        <source>%1 must list at least one hash</source>
        <translation>%1 muss mindestens eine Prüfsumme nennen</translation>
    </message>
    <message>
        <source>%1 does not match its signed %2 hash: the file was changed or damaged.</source>
        <translation>%1 passt nicht zu ihrer signierten %2-Prüfsumme: Die Datei wurde verändert oder beschädigt.</translation>
    </message>
    <message>
        <source>%1 lists no hash Upkeep can check (sha256 or sha512).</source>
        <translation>%1 nennt keine Prüfsumme, die Upkeep prüfen kann (sha256 oder sha512).</translation>
    </message>
</context>
<context>
    <name>HealthCheck</name>
    <message>
        <source>The health check could not start: %1</source>
        <translation>Die Funktionsprüfung konnte nicht starten: %1</translation>
    </message>
    <message>
        <source>it names no program.</source>
        <translation>sie nennt kein Programm.</translation>
    </message>
    <message>
        <source>its program &quot;%1&quot; is not a plain relative path inside the version folder.</source>
        <translation>ihr Programm „%1“ ist kein einfacher relativer Pfad im Versionsordner.</translation>
    </message>
    <message>
        <source>its program &quot;%1&quot; is a symlink to nothing.</source>
        <translation>ihr Programm „%1“ ist ein symbolischer Link ins Leere.</translation>
    </message>
    <message>
        <source>its program &quot;%1&quot; does not exist in the version folder.</source>
        <translation>ihr Programm „%1“ gibt es im Versionsordner nicht.</translation>
    </message>
    <message>
        <source>its program &quot;%1&quot; leads outside the version folder.</source>
        <translation>ihr Programm „%1“ führt aus dem Versionsordner hinaus.</translation>
    </message>
    <message>
        <source>its program &quot;%1&quot; is not an executable file.</source>
        <translation>ihr Programm „%1“ ist keine ausführbare Datei.</translation>
    </message>
    <message>
        <source>1 second</source>
        <translation>1 Sekunde</translation>
    </message>
    <message>
        <source>%1 seconds</source>
        <translation>%1 Sekunden</translation>
    </message>
    <message>
        <source>the version folder %1 does not exist.</source>
        <translation>den Versionsordner %1 gibt es nicht.</translation>
    </message>
    <message>
        <source>the version folder %1 is not an absolute path.</source>
        <translation>der Versionsordner %1 ist kein absoluter Pfad.</translation>
    </message>
    <message>
        <source>The health check did not finish within %1.</source>
        <translation>Die Funktionsprüfung ist nicht innerhalb von %1 fertig geworden.</translation>
    </message>
    <message>
        <source>The health check crashed.</source>
        <translation>Die Funktionsprüfung ist abgestürzt.</translation>
    </message>
    <message>
        <source>The health check passed.</source>
        <translation>Die Funktionsprüfung wurde bestanden.</translation>
    </message>
    <message>
        <source>The health check exited with code %1.</source>
        <translation>Die Funktionsprüfung endete mit Code %1.</translation>
    </message>
</context>
<context>
    <name>Hex</name>
    <message>
        <source>A hex string must have an even number of digits.</source>
        <translation>Eine Hex-Zeichenkette muss eine gerade Anzahl Ziffern haben.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a hex string.</source>
        <translation>„%1“ ist keine Hex-Zeichenkette.</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <source>Cannot write the history %1: %2.</source>
        <translation>Der Verlauf %1 kann nicht geschrieben werden: %2.</translation>
    </message>
    <message>
        <source>Cannot read the history %1: %2.</source>
        <translation>Der Verlauf %1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>The history %1 is damaged at line %2; skipping that line.</source>
        <translation>Der Verlauf %1 ist in Zeile %2 beschädigt; diese Zeile wird übersprungen.</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>%1 (first install)</source>
        <translation>%1 (Erstinstallation)</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>Versionen</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Einzelheiten</translation>
    </message>
    <message>
        <source>%1 downloaded</source>
        <translation>%1 heruntergeladen</translation>
    </message>
    <message>
        <source>Rolled back from %1</source>
        <translation>Von %1 zurückgesetzt</translation>
    </message>
    <message>
        <source>Installed</source>
        <translation>Installiert</translation>
    </message>
    <message>
        <source>Rolled back automatically</source>
        <translation>Automatisch zurückgesetzt</translation>
    </message>
    <message>
        <source>Rolled back by you</source>
        <translation>Von Ihnen zurückgesetzt</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>Unterbrochen</translation>
    </message>
    <message>
        <source>%1 downloaded (patch)</source>
        <translation>%1 heruntergeladen (Patch)</translation>
    </message>
    <message>
        <source>%1 downloaded (full)</source>
        <translation>%1 heruntergeladen (vollständig)</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <source>&amp;Roll back to this version</source>
        <translation>Auf diese Version &amp;zurücksetzen</translation>
    </message>
    <message>
        <source>Update history</source>
        <translation>Verlauf der Aktualisierungen</translation>
    </message>
    <message>
        <source>Roll back to the selected version</source>
        <translation>Auf die ausgewählte Version zurücksetzen</translation>
    </message>
    <message>
        <source>Go back to %1, which is still kept on this computer.</source>
        <translation>Zu %1 zurückkehren, die auf diesem Rechner noch aufbewahrt wird.</translation>
    </message>
    <message>
        <source>Choose an update whose version is still kept and older than the running one.</source>
        <translation>Wählen Sie eine Aktualisierung, deren Version noch aufbewahrt wird und älter als die laufende ist.</translation>
    </message>
    <message>
        <source>Roll back</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>Roll %1 back to version %2?</source>
        <translation>%1 auf Version %2 zurücksetzen?</translation>
    </message>
    <message>
        <source>The running version stays kept, so you can update to it again later.</source>
        <translation>Die laufende Version bleibt aufbewahrt, Sie können später wieder auf sie aktualisieren.</translation>
    </message>
    <message>
        <source>Roll back to %1</source>
        <translation>Auf %1 zurücksetzen</translation>
    </message>
</context>
<context>
    <name>HttpRequestPolicy</name>
    <message>
        <source>Cannot read the certificate authority file %1: %2.</source>
        <translation>Die Zertifizierungsstellen-Datei %1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>The certificate authority file %1 holds no PEM certificate.</source>
        <translation>Die Zertifizierungsstellen-Datei %1 enthält kein PEM-Zertifikat.</translation>
    </message>
    <message>
        <source>Cannot read the client certificate %1: %2.</source>
        <translation>Das Client-Zertifikat %1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>The client certificate file %1 holds no PEM certificate.</source>
        <translation>Die Client-Zertifikatsdatei %1 enthält kein PEM-Zertifikat.</translation>
    </message>
    <message>
        <source>Cannot read the client key %1: %2.</source>
        <translation>Der Client-Schlüssel %1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>The client key file %1 holds no unencrypted PEM private key.</source>
        <translation>Die Client-Schlüsseldatei %1 enthält keinen unverschlüsselten privaten PEM-Schlüssel.</translation>
    </message>
    <message>
        <source>The client key %1 may be read by other users; make it private first (chmod 600 %1).</source>
        <translation>Den Client-Schlüssel %1 können andere Benutzer lesen; machen Sie ihn zuerst privat (chmod 600 %1).</translation>
    </message>
</context>
<context>
    <name>HttpSource</name>
    <message>
        <source>%1 is not an http:// or https:// address.</source>
        <translation>%1 ist keine http://- oder https://-Adresse.</translation>
    </message>
</context>
<context>
    <name>InstallLayout</name>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Der Ordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Nothing is installed in %1 yet.</source>
        <translation>In %1 ist noch nichts installiert.</translation>
    </message>
    <message>
        <source>%1 points to %2, not to a version under versions/.</source>
        <translation>%1 zeigt auf %2, nicht auf eine Version unter versions/.</translation>
    </message>
</context>
<context>
    <name>InstallLock</name>
    <message>
        <source>Cannot open the lock %1: %2.</source>
        <translation>Die Sperre %1 kann nicht geöffnet werden: %2.</translation>
    </message>
    <message>
        <source>Cannot lock %1: %2.</source>
        <translation>%1 kann nicht gesperrt werden: %2.</translation>
    </message>
    <message>
        <source>Another Upkeep process is changing this installation (it holds %1). Try again when it has finished.</source>
        <translation>Ein anderer Upkeep-Prozess ändert gerade diese Installation (er hält %1). Versuchen Sie es erneut, wenn er fertig ist.</translation>
    </message>
</context>
<context>
    <name>Installation</name>
    <message>
        <source>%1 is a symbolic link; name the installation&apos;s folder itself to delete it.</source>
        <translation>%1 ist ein symbolischer Link; nennen Sie den Ordner der Installation selbst, um ihn zu löschen.</translation>
    </message>
    <message>
        <source>Could not delete all of %1.</source>
        <translation>%1 konnte nicht vollständig gelöscht werden.</translation>
    </message>
    <message>
        <source>%1 is already managed by Upkeep.</source>
        <translation>%1 wird bereits von Upkeep verwaltet.</translation>
    </message>
    <message>
        <source>%1 is not empty; choose an empty or new folder.</source>
        <translation>%1 ist nicht leer; wählen Sie einen leeren oder neuen Ordner.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an application name.</source>
        <translation>„%1“ ist kein Anwendungsname.</translation>
    </message>
    <message>
        <source>A repository address is needed.</source>
        <translation>Eine Adresse der Quelle wird benötigt.</translation>
    </message>
    <message>
        <source>The CA file %1 does not exist.</source>
        <translation>Die CA-Datei %1 gibt es nicht.</translation>
    </message>
    <message>
        <source>Cannot copy the CA file %1.</source>
        <translation>Die CA-Datei %1 kann nicht kopiert werden.</translation>
    </message>
    <message>
        <source>The signed manifest %1 describes %2 %3, not %4 %5.</source>
        <translation>Das signierte Manifest %1 beschreibt %2 %3, nicht %4 %5.</translation>
    </message>
    <message>
        <source>No patch for the manifest.</source>
        <translation>Kein Patch für das Manifest.</translation>
    </message>
    <message>
        <source>No installed manifest.</source>
        <translation>Kein installiertes Manifest.</translation>
    </message>
    <message>
        <source>No patch from the installed manifest.</source>
        <translation>Kein Patch vom installierten Manifest.</translation>
    </message>
    <message>
        <source>%1 %2 is already installed (another Upkeep process got there first).</source>
        <translation>%1 %2 ist bereits installiert (ein anderer Upkeep-Prozess war schneller).</translation>
    </message>
    <message>
        <source>No older version is kept to roll back to.</source>
        <translation>Es wird keine ältere Version aufbewahrt, auf die zurückgesetzt werden könnte.</translation>
    </message>
    <message>
        <source>The repository has no channel &quot;%1&quot;; it has %2.</source>
        <translation>Die Quelle hat keinen Kanal „%1“; sie hat %2.</translation>
    </message>
    <message>
        <source>Nothing is installed in %1 yet.</source>
        <translation>In %1 ist noch nichts installiert.</translation>
    </message>
    <message>
        <source>%1 Upkeep could not refresh it, so it installs nothing: %2</source>
        <translation>%1 Upkeep konnte sie nicht auffrischen und installiert daher nichts: %2</translation>
    </message>
    <message>
        <source>%1 %2 is no longer offered on %3.</source>
        <translation>%1 %2 wird auf %3 nicht mehr angeboten.</translation>
    </message>
    <message>
        <source>The manifest Upkeep saved for %1 %2 differs from the signed one, which cannot be fetched: %3</source>
        <translation>Das Manifest, das Upkeep für %1 %2 gespeichert hat, weicht vom signierten ab, und dieses kann nicht abgerufen werden: %3</translation>
    </message>
    <message>
        <source>Cannot read the publisher CA file %1: %2.</source>
        <translation>Die CA-Datei des Herausgebers %1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>The publisher CA file %1 holds a private key; pin only the CA&apos;s certificate, as &quot;upkeep-publish ca show&quot; prints it.</source>
        <translation>Die CA-Datei des Herausgebers %1 enthält einen privaten Schlüssel; hinterlegen Sie nur das Zertifikat der CA, wie „upkeep-publish ca show“ es ausgibt.</translation>
    </message>
    <message>
        <source>The publisher CA file %1 holds %2 certificates; pin exactly one, the publisher&apos;s CA.</source>
        <translation>Die CA-Datei des Herausgebers %1 enthält %2 Zertifikate; hinterlegen Sie genau eines, das der CA des Herausgebers.</translation>
    </message>
    <message>
        <source>The publisher CA file %1 is not a PEM certificate (-----BEGIN CERTIFICATE-----); pin the publisher&apos;s CA certificate, as &quot;upkeep-publish ca show&quot; prints it.</source>
        <translation>Die CA-Datei des Herausgebers %1 ist kein PEM-Zertifikat (-----BEGIN CERTIFICATE-----); hinterlegen Sie das CA-Zertifikat des Herausgebers, wie „upkeep-publish ca show“ es ausgibt.</translation>
    </message>
    <message>
        <source>A user name or a client certificate is for an http:// or https:// repository; %1 has none.</source>
        <translation>Ein Benutzername oder ein Client-Zertifikat gilt für ein http://- oder https://-Repository; %1 enthält keines.</translation>
    </message>
    <message>
        <source>A client key needs its client certificate.</source>
        <translation>Ein Client-Schlüssel braucht sein Client-Zertifikat.</translation>
    </message>
    <message>
        <source>The file %1 does not exist.</source>
        <translation>Die Datei %1 existiert nicht.</translation>
    </message>
    <message>
        <source>No pack carries the manifest.</source>
        <translation>Kein Pack trägt das Manifest.</translation>
    </message>
    <message>
        <source>No object carries the content of %1.</source>
        <translation>Kein Objekt trägt den Inhalt von %1.</translation>
    </message>
</context>
<context>
    <name>InstallationConfig</name>
    <message>
        <source>%1 is not an installation Upkeep manages (no %2).</source>
        <translation>%1 ist keine Installation, die Upkeep verwaltet (kein %2).</translation>
    </message>
</context>
<context>
    <name>InstallationWorker</name>
    <message>
        <source>%1 %2 is no longer offered on %3; check again.</source>
        <translation>%1 %2 wird auf %3 nicht mehr angeboten; suchen Sie erneut.</translation>
    </message>
    <message>
        <source>No kept version of %1 is on %2; it stays on its current version until %2 catches up.</source>
        <translation>Keine aufbewahrte Version von %1 ist auf %2; es bleibt bei seiner aktuellen Version, bis %2 aufholt.</translation>
    </message>
    <message>
        <source>%1 is gone; Stop managing… in this application&apos;s menu forgets it.</source>
        <translation>%1 gibt es nicht mehr; „Nicht mehr verwalten…“ im Menü dieser Anwendung entfernt sie aus der Liste.</translation>
    </message>
</context>
<context>
    <name>Journal</name>
    <message>
        <source>Cannot write the journal %1: %2.</source>
        <translation>Das Journal %1 kann nicht geschrieben werden: %2.</translation>
    </message>
    <message>
        <source>Cannot read the journal %1: %2.</source>
        <translation>Das Journal %1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>The journal %1 has a torn line %2; it is skipped.</source>
        <translation>Das Journal %1 hat eine abgerissene Zeile %2; sie wird übersprungen.</translation>
    </message>
    <message>
        <source>Cannot remove the journal %1.</source>
        <translation>Das Journal %1 kann nicht entfernt werden.</translation>
    </message>
</context>
<context>
    <name>JsonParser</name>
    <message>
        <source>a byte-order mark is not allowed</source>
        <translation>eine Byte-Reihenfolge-Markierung ist nicht erlaubt</translation>
    </message>
    <message>
        <source>unexpected data after the end of the document</source>
        <translation>unerwartete Daten nach dem Ende des Dokuments</translation>
    </message>
    <message>
        <source>Invalid JSON at byte %1: %2</source>
        <translation>Ungültiges JSON bei Byte %1: %2</translation>
    </message>
    <message>
        <source>unexpected end of data</source>
        <translation>unerwartetes Ende der Daten</translation>
    </message>
    <message>
        <source>unexpected character</source>
        <translation>unerwartetes Zeichen</translation>
    </message>
    <message>
        <source>a digit is expected</source>
        <translation>eine Ziffer wird erwartet</translation>
    </message>
    <message>
        <source>numbers must not have leading zeros</source>
        <translation>Zahlen dürfen keine führenden Nullen haben</translation>
    </message>
    <message>
        <source>the integer does not fit in 64 bits</source>
        <translation>die ganze Zahl passt nicht in 64 Bit</translation>
    </message>
    <message>
        <source>floating-point numbers are not allowed in signed metadata</source>
        <translation>Gleitkommazahlen sind in signierten Metadaten nicht erlaubt</translation>
    </message>
    <message>
        <source>a \u escape needs four hex digits</source>
        <translation>eine \u-Escape-Sequenz braucht vier Hex-Ziffern</translation>
    </message>
    <message>
        <source>unexpected end of data in an escape</source>
        <translation>unerwartetes Ende der Daten in einer Escape-Sequenz</translation>
    </message>
    <message>
        <source>unknown escape</source>
        <translation>unbekannte Escape-Sequenz</translation>
    </message>
    <message>
        <source>a low surrogate without a high one is not valid Unicode</source>
        <translation>ein niedriges Surrogat ohne hohes ist kein gültiges Unicode</translation>
    </message>
    <message>
        <source>a high surrogate must be followed by a low one</source>
        <translation>auf ein hohes Surrogat muss ein niedriges folgen</translation>
    </message>
    <message>
        <source>invalid UTF-8</source>
        <translation>ungültiges UTF-8</translation>
    </message>
    <message>
        <source>invalid UTF-8 (truncated character)</source>
        <translation>ungültiges UTF-8 (abgeschnittenes Zeichen)</translation>
    </message>
    <message>
        <source>invalid UTF-8 (overlong form, surrogate or out of range)</source>
        <translation>ungültiges UTF-8 (überlange Form, Surrogat oder außerhalb des Bereichs)</translation>
    </message>
    <message>
        <source>unterminated string</source>
        <translation>nicht abgeschlossene Zeichenkette</translation>
    </message>
    <message>
        <source>nested deeper than %1 levels</source>
        <translation>tiefer als %1 Ebenen verschachtelt</translation>
    </message>
    <message>
        <source>unexpected end of data in an array</source>
        <translation>unerwartetes Ende der Daten in einem Array</translation>
    </message>
    <message>
        <source>&apos;,&apos; or &apos;]&apos; expected</source>
        <translation>„,“ oder „]“ erwartet</translation>
    </message>
    <message>
        <source>unexpected end of data in an object</source>
        <translation>unerwartetes Ende der Daten in einem Objekt</translation>
    </message>
    <message>
        <source>a member name in quotes expected</source>
        <translation>ein Name in Anführungszeichen erwartet</translation>
    </message>
    <message>
        <source>duplicate key &quot;%1&quot;</source>
        <translation>doppelter Schlüssel „%1“</translation>
    </message>
    <message>
        <source>&apos;:&apos; expected</source>
        <translation>„:“ erwartet</translation>
    </message>
    <message>
        <source>&apos;,&apos; or &apos;}&apos; expected</source>
        <translation>„,“ oder „}“ erwartet</translation>
    </message>
    <message>
        <source>The JSON document is %1 bytes long; at most %2 bytes are accepted.</source>
        <translation>Das JSON-Dokument ist %1 Bytes lang; höchstens %2 Bytes werden angenommen.</translation>
    </message>
</context>
<context>
    <name>KeyRing</name>
    <message>
        <source>A new key for the %1 role belongs with the offline keys, and no folder for them was given.</source>
        <translation>Ein neuer Schlüssel der Rolle %1 gehört zu den Offline-Schlüsseln, und für sie wurde kein Ordner angegeben.</translation>
    </message>
</context>
<context>
    <name>KeyStore</name>
    <message>
        <source>Cannot create the key folder %1.</source>
        <translation>Der Schlüsselordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>The key file %1 holds the key %2, not the one its name says.</source>
        <translation>Die Schlüsseldatei %1 enthält den Schlüssel %2, nicht den, den ihr Name nennt.</translation>
    </message>
    <message>
        <source>Cannot move the replaced key %1 to %2.</source>
        <translation>Der ersetzte Schlüssel %1 kann nicht nach %2 verschoben werden.</translation>
    </message>
    <message>
        <source>The role name &quot;%1&quot; cannot be part of a file name.</source>
        <translation>Der Rollenname „%1“ kann nicht Teil eines Dateinamens sein.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a key id (64 lowercase hexadecimal digits), so no key file is named after it.</source>
        <translation>„%1“ ist keine Schlüssel-ID (64 kleingeschriebene Hexadezimalziffern), daher ist keine Schlüsseldatei danach benannt.</translation>
    </message>
    <message>
        <source>The keys in %1 are encrypted; a new key is not written unencrypted beside them.</source>
        <translation>Die Schlüssel in %1 sind verschlüsselt; ein neuer Schlüssel wird nicht unverschlüsselt daneben geschrieben.</translation>
    </message>
    <message>
        <source>A new key for the %1 role in %2 is to be encrypted, and no passphrase was given.</source>
        <translation>Ein neuer Schlüssel der Rolle %1 in %2 soll verschlüsselt werden, und es wurde keine Passphrase angegeben.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Check now</source>
        <translation>Jetzt &amp;suchen</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen …</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Upkeep</source>
        <translation>Upkeep</translation>
    </message>
    <message>
        <source>Managed applications</source>
        <translation>Verwaltete Anwendungen</translation>
    </message>
    <message>
        <source>U&amp;pdate</source>
        <translation>Aktualisie&amp;rung</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>&amp;Verlauf</translation>
    </message>
    <message>
        <source>Update and history</source>
        <translation>Aktualisierung und Verlauf</translation>
    </message>
    <message>
        <source>Ask every repository for updates now (%1)</source>
        <translation>Jetzt alle Quellen nach Aktualisierungen fragen (%1)</translation>
    </message>
    <message>
        <source>&amp;Upkeep</source>
        <translation>&amp;Upkeep</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>Aktionen</translation>
    </message>
    <message>
        <source>Upkeep will stop managing %1 and delete %2 with everything in it: the application, its kept versions and its history. This cannot be undone.</source>
        <translation>Upkeep verwaltet %1 nicht mehr und löscht %2 mit allem, was darin ist: die Anwendung, ihre aufbewahrten Versionen und ihren Verlauf. Das lässt sich nicht rückgängig machen.</translation>
    </message>
    <message>
        <source>Upkeep will no longer check for updates of %1 or install them. The application stays in %2 and keeps working.</source>
        <translation>Upkeep sucht nicht mehr nach Aktualisierungen für %1 und installiert keine mehr. Die Anwendung bleibt in %2 und funktioniert weiter.</translation>
    </message>
    <message>
        <source>&amp;Hold updates</source>
        <translation>Aktualisierungen &amp;anhalten</translation>
    </message>
    <message>
        <source>&amp;Resume updates</source>
        <translation>Aktualisierungen &amp;fortsetzen</translation>
    </message>
    <message>
        <source>&amp;Stop managing…</source>
        <translation>Nicht mehr &amp;verwalten…</translation>
    </message>
    <message>
        <source>Keep checking for updates, but install none until you resume</source>
        <translation>Weiter nach Aktualisierungen suchen, aber keine installieren, bis Sie fortsetzen</translation>
    </message>
    <message>
        <source>Stop managing %1?</source>
        <translation>%1 nicht mehr verwalten?</translation>
    </message>
    <message>
        <source>&amp;Stop managing</source>
        <translation>Nicht mehr &amp;verwalten</translation>
    </message>
    <message>
        <source>&amp;Delete %1</source>
        <translation>%1 &amp;löschen</translation>
    </message>
    <message>
        <source>Also delete the &amp;folder %1</source>
        <translation>Auch den &amp;Ordner %1 löschen</translation>
    </message>
    <message>
        <source>&amp;About Upkeep</source>
        <translation>Ü&amp;ber Upkeep</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
</context>
<context>
    <name>Manifest</name>
    <message>
        <source>The manifest is unsafe or malformed: %1</source>
        <translation>Das Manifest ist unsicher oder fehlerhaft: %1</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an application name.</source>
        <translation>„%1“ ist kein Anwendungsname.</translation>
    </message>
    <message>
        <source>the path &quot;%1&quot; leaves the release folder or is not a plain relative path.</source>
        <translation>der Pfad „%1“ verlässt den Versionsordner oder ist kein einfacher relativer Pfad.</translation>
    </message>
    <message>
        <source>the path &quot;%1&quot; is listed twice.</source>
        <translation>der Pfad „%1“ ist doppelt aufgeführt.</translation>
    </message>
    <message>
        <source>%1 has mode %2; only permission bits (at most 0777) are allowed.</source>
        <translation>%1 hat den Modus %2; nur Berechtigungsbits (höchstens 0777) sind erlaubt.</translation>
    </message>
    <message>
        <source>%1 needs a size and a sha256.</source>
        <translation>%1 braucht eine Größe und eine sha256.</translation>
    </message>
    <message>
        <source>no object carries the content of %1.</source>
        <translation>kein Objekt trägt den Inhalt von %1.</translation>
    </message>
    <message>
        <source>%1 lies inside %2, which is not a folder.</source>
        <translation>%1 liegt in %2, das kein Ordner ist.</translation>
    </message>
    <message>
        <source>the symlink %1 points to &quot;%2&quot;, outside the release.</source>
        <translation>der symbolische Link %1 zeigt auf „%2“, außerhalb der Version.</translation>
    </message>
    <message>
        <source>the symlink %1 points through the symlink %2.</source>
        <translation>der symbolische Link %1 zeigt durch den symbolischen Link %2.</translation>
    </message>
    <message>
        <source>a patch makes %1, which no file of the release has.</source>
        <translation>ein Patch erzeugt %1, was keine Datei der Version hat.</translation>
    </message>
    <message>
        <source>the patch from %1 to %2 is listed twice.</source>
        <translation>der Patch von %1 nach %2 ist doppelt aufgeführt.</translation>
    </message>
    <message>
        <source>the bundle needs a size and a sha256.</source>
        <translation>das Paket braucht eine Größe und eine sha256.</translation>
    </message>
    <message>
        <source>the health check has no command.</source>
        <translation>die Funktionsprüfung hat keinen Befehl.</translation>
    </message>
    <message>
        <source>the health check runs &quot;%1&quot;, which is not a file of the release.</source>
        <translation>die Funktionsprüfung führt „%1“ aus, was keine Datei der Version ist.</translation>
    </message>
    <message>
        <source>the health check&apos;s arguments hold control characters.</source>
        <translation>die Argumente der Funktionsprüfung enthalten Steuerzeichen.</translation>
    </message>
    <message>
        <source>the health check&apos;s time-out must be from 1 to 3600 seconds.</source>
        <translation>die Zeitgrenze der Funktionsprüfung muss zwischen 1 und 3600 Sekunden liegen.</translation>
    </message>
    <message>
        <source>%1 must be file, symlink or directory, not &quot;%2&quot;</source>
        <translation>%1 muss file, symlink oder directory sein, nicht „%2“</translation>
    </message>
    <message>
        <source>%1 must be a list</source>
        <translation>%1 muss eine Liste sein</translation>
    </message>
    <message>
        <source>%1 is a patch format this Upkeep does not know: &quot;%2&quot;</source>
        <translation>%1 ist ein Patch-Format, das dieses Upkeep nicht kennt: „%2“</translation>
    </message>
    <message>
        <source>the object %1 needs a size and must be named by a sha256.</source>
        <translation>das Objekt %1 braucht eine Größe und muss durch eine sha256 benannt sein.</translation>
    </message>
    <message>
        <source>a patch to %1 needs another content to start from and a size.</source>
        <translation>ein Patch nach %1 braucht einen anderen Ausgangsinhalt und eine Größe.</translation>
    </message>
    <message>
        <source>format %1 is not one this Upkeep writes.</source>
        <translation>das Format %1 ist keines, das dieses Upkeep schreibt.</translation>
    </message>
    <message>
        <source>the tables file needs a sha256, a size and the size of its object.</source>
        <translation>die Tabellendatei braucht eine sha256, eine Größe und die Größe ihres Objekts.</translation>
    </message>
    <message>
        <source>a manifest of format 1 holds its tables itself.</source>
        <translation>ein Manifest im Format 1 enthält seine Tabellen selbst.</translation>
    </message>
    <message>
        <source>The manifest has format %1; this Upkeep reads formats 1 and 2. Update Upkeep first.</source>
        <translation>Das Manifest hat das Format %1; dieses Upkeep liest die Formate 1 und 2. Aktualisieren Sie zuerst Upkeep.</translation>
    </message>
    <message>
        <source>only a manifest of format 2 has a tables file.</source>
        <translation>nur ein Manifest im Format 2 hat eine Tabellendatei.</translation>
    </message>
    <message>
        <source>The manifest&apos;s tables file differs from the one the manifest names.</source>
        <translation>Die Tabellendatei des Manifests weicht von der ab, die das Manifest nennt.</translation>
    </message>
</context>
<context>
    <name>ManifestSignature</name>
    <message>
        <source>This is not a DER CMS signature.</source>
        <translation>Das ist keine CMS-Signatur in DER.</translation>
    </message>
    <message>
        <source>The signature has %1 signers, not one.</source>
        <translation>Die Signatur hat %1 Unterzeichner, nicht einen.</translation>
    </message>
    <message>
        <source>The signature does not hold the certificate of its signer.</source>
        <translation>Die Signatur enthält das Zertifikat ihres Unterzeichners nicht.</translation>
    </message>
</context>
<context>
    <name>ManifestSigner</name>
    <message>
        <source>OpenSSL failed: %1.</source>
        <translation>OpenSSL ist gescheitert: %1.</translation>
    </message>
    <message>
        <source>The signer key of %1 is an ed25519 key; OpenSSL 3.0 makes and checks CMS signatures with ECDSA P-256 keys only.</source>
        <translation>Der Signiererschlüssel von %1 ist ein ed25519-Schlüssel; OpenSSL 3.0 erstellt und prüft CMS-Signaturen nur mit ECDSA-P-256-Schlüsseln.</translation>
    </message>
    <message>
        <source>The signer key is not the key of the certificate %1 (serial %2).</source>
        <translation>Der Signiererschlüssel ist nicht der Schlüssel des Zertifikats %1 (Seriennummer %2).</translation>
    </message>
</context>
<context>
    <name>MappedFile</name>
    <message>
        <source>Cannot read %1: %2.</source>
        <translation>%1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>Cannot read %1: it is not a regular file.</source>
        <translation>%1 kann nicht gelesen werden: Es ist keine gewöhnliche Datei.</translation>
    </message>
</context>
<context>
    <name>MemoryBudget</name>
    <message>
        <source>--memory takes an amount of memory such as 512M or 2G (at least %1), not &quot;%2&quot;.</source>
        <translation>--memory erwartet eine Speichermenge wie 512M oder 2G (mindestens %1), nicht „%2“.</translation>
    </message>
</context>
<context>
    <name>MetadataHeader</name>
    <message>
        <source>the metadata is of type &quot;%1&quot; where &quot;%2&quot; was expected</source>
        <translation>die Metadaten sind vom Typ „%1“, erwartet wurde „%2“</translation>
    </message>
    <message>
        <source>spec_version %1 is not supported; Upkeep reads TUF 1.x</source>
        <translation>spec_version %1 wird nicht unterstützt; Upkeep liest TUF 1.x</translation>
    </message>
</context>
<context>
    <name>MirrorAddress</name>
    <message>
        <source>The repository address %1 names no server.</source>
        <translation>Die Adresse der Quelle %1 nennt keinen Server.</translation>
    </message>
    <message>
        <source>The repository address %1 names no folder.</source>
        <translation>Die Adresse der Quelle %1 nennt keinen Ordner.</translation>
    </message>
    <message>
        <source>Repositories at %1 addresses are not supported; use file://, http:// or https://.</source>
        <translation>Quellen mit %1-Adressen werden nicht unterstützt; verwenden Sie file://, http:// oder https://.</translation>
    </message>
</context>
<context>
    <name>ObjectDecoder</name>
    <message>
        <source>Cannot read %1: %2.</source>
        <translation>%1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>Cannot read %1.</source>
        <translation>%1 kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>The object %1 unpacks to more than the %2 bytes the manifest gives; it was refused.</source>
        <translation>Das Objekt %1 entpackt zu mehr als den %2 Bytes, die das Manifest angibt; es wurde abgelehnt.</translation>
    </message>
    <message>
        <source>The object %1 is damaged: %2.</source>
        <translation>Das Objekt %1 ist beschädigt: %2.</translation>
    </message>
    <message>
        <source>The disk is full while writing %1.</source>
        <translation>Der Datenträger ist voll beim Schreiben von %1.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2.</source>
        <translation>%1 kann nicht geschrieben werden: %2.</translation>
    </message>
    <message>
        <source>The object %1 is truncated.</source>
        <translation>Das Objekt %1 ist unvollständig.</translation>
    </message>
    <message>
        <source>The object %1 unpacks to %2 bytes where the manifest gives %3.</source>
        <translation>Das Objekt %1 entpackt zu %2 Bytes, das Manifest gibt %3 an.</translation>
    </message>
    <message>
        <source>The object %1 does not match its sha256 in the manifest.</source>
        <translation>Das Objekt %1 passt nicht zu seiner sha256 im Manifest.</translation>
    </message>
    <message>
        <source>Cannot create %1: %2.</source>
        <translation>%1 kann nicht angelegt werden: %2.</translation>
    </message>
    <message>
        <source>Cannot finish %1.</source>
        <translation>%1 kann nicht abgeschlossen werden.</translation>
    </message>
    <message>
        <source>it is not a zstd frame</source>
        <translation>es ist kein zstd-Frame</translation>
    </message>
    <message>
        <source>its frame header is not valid</source>
        <translation>sein Frame-Kopf ist ungültig</translation>
    </message>
    <message>
        <source>The object %1 does not say how many bytes it unpacks to; it was refused.</source>
        <translation>Das Objekt %1 gibt nicht an, zu wie vielen Bytes es entpackt; es wurde abgelehnt.</translation>
    </message>
    <message>
        <source>The object %1 asks for a zstd window of %2 bytes where at most %3 are allowed for a file of %4 bytes; it was refused.</source>
        <translation>Das Objekt %1 verlangt ein zstd-Fenster von %2 Bytes, wo für eine Datei von %4 Bytes höchstens %3 erlaubt sind; es wurde abgelehnt.</translation>
    </message>
    <message>
        <source>it has bytes past its frame</source>
        <translation>es hat Bytes hinter seinem Frame</translation>
    </message>
</context>
<context>
    <name>ObjectWriter</name>
    <message>
        <source>Cannot read %1.</source>
        <translation>%1 kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>Cannot create %1/objects.</source>
        <translation>%1/objects kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2.</source>
        <translation>%1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2.</source>
        <translation>%1 kann nicht geschrieben werden: %2.</translation>
    </message>
    <message>
        <source>zstd failed: %1.</source>
        <translation>zstd ist fehlgeschlagen: %1.</translation>
    </message>
    <message>
        <source>%1 changed while it was being published.</source>
        <translation>%1 hat sich während der Veröffentlichung geändert.</translation>
    </message>
</context>
<context>
    <name>PackDecoder</name>
    <message>
        <source>cannot read %1: %2.</source>
        <translation>%1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>it has %1 bytes where the signed metadata gives %2.</source>
        <translation>es hat %1 Bytes, die signierten Metadaten geben %2 an.</translation>
    </message>
    <message>
        <source>its sha256 differs from the signed one.</source>
        <translation>seine sha256 weicht von der signierten ab.</translation>
    </message>
    <message>
        <source>The pack %1 cannot be used: %2</source>
        <translation>Das Pack %1 kann nicht verwendet werden: %2</translation>
    </message>
    <message>
        <source>it starts from %1, not from the installed version.</source>
        <translation>es geht von %1 aus, nicht von der installierten Version.</translation>
    </message>
    <message>
        <source>it has %1 members where the signed metadata gives %2.</source>
        <translation>es hat %1 Mitglieder, die signierten Metadaten geben %2 an.</translation>
    </message>
    <message>
        <source>its format is not the signed one.</source>
        <translation>sein Format ist nicht das signierte.</translation>
    </message>
    <message>
        <source>a member is not a distinct file of the new release.</source>
        <translation>ein Mitglied ist keine eigene, von den übrigen verschiedene Datei der neuen Version.</translation>
    </message>
    <message>
        <source>its old and new contents are larger than a pack may be.</source>
        <translation>seine alten und neuen Inhalte sind größer, als ein Pack sein darf.</translation>
    </message>
    <message>
        <source>its zstd frame does not make the sizes the manifest gives.</source>
        <translation>sein zstd-Frame ergibt nicht die Größen, die das Manifest angibt.</translation>
    </message>
    <message>
        <source>the installed file %1 cannot be read.</source>
        <translation>die installierte Datei %1 kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>the installed file %1 differs from the installed manifest (changed on disk?).</source>
        <translation>die installierte Datei %1 weicht vom installierten Manifest ab (auf dem Datenträger geändert?).</translation>
    </message>
    <message>
        <source>it does not decode (%1).</source>
        <translation>es lässt sich nicht entpacken (%1).</translation>
    </message>
    <message>
        <source>short</source>
        <translation>zu kurz</translation>
    </message>
    <message>
        <source>Cannot write %1: %2.</source>
        <translation>%1 kann nicht geschrieben werden: %2.</translation>
    </message>
    <message>
        <source>it makes %1 wrong (its sha256 differs).</source>
        <translation>es erzeugt %1 falsch (die sha256 weicht ab).</translation>
    </message>
    <message>
        <source>its format carries no manifest.</source>
        <translation>sein Format trägt kein Manifest.</translation>
    </message>
    <message>
        <source>the manifest it makes is not the signed one.</source>
        <translation>das Manifest, das es ergibt, ist nicht das signierte.</translation>
    </message>
    <message>
        <source>two of its members have the same content.</source>
        <translation>zwei seiner Mitglieder haben denselben Inhalt.</translation>
    </message>
</context>
<context>
    <name>PackHeader</name>
    <message>
        <source>The pack&apos;s header is malformed: %1.</source>
        <translation>Der Kopf des Packs ist fehlerhaft: %1.</translation>
    </message>
    <message>
        <source>it is not a pack of format zstd-solid-2</source>
        <translation>es ist kein Pack im Format zstd-solid-2</translation>
    </message>
    <message>
        <source>its manifest frame does not fit in it</source>
        <translation>sein Manifest-Frame passt nicht hinein</translation>
    </message>
    <message>
        <source>it is not a pack of format zstd-solid-1 or zstd-solid-2</source>
        <translation>es ist kein Pack im Format zstd-solid-1 oder zstd-solid-2</translation>
    </message>
    <message>
        <source>its number of members is not one the manifest allows</source>
        <translation>die Anzahl seiner Mitglieder lässt das Manifest nicht zu</translation>
    </message>
    <message>
        <source>a member names no entry of the manifest</source>
        <translation>ein Mitglied nennt keinen Eintrag des Manifests</translation>
    </message>
</context>
<context>
    <name>PackWriter</name>
    <message>
        <source>Cannot read %1: %2.</source>
        <translation>%1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>%1 changed while its pack was being made.</source>
        <translation>%1 hat sich geändert, während das zugehörige Pack erstellt wurde.</translation>
    </message>
    <message>
        <source>zstd failed making a pack: %1.</source>
        <translation>zstd ist beim Erstellen eines Packs fehlgeschlagen: %1.</translation>
    </message>
    <message>
        <source>Cannot create %1/packs.</source>
        <translation>%1/packs kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2.</source>
        <translation>%1 kann nicht geschrieben werden: %2.</translation>
    </message>
</context>
<context>
    <name>PackedManifest</name>
    <message>
        <source>The manifest a pack carries is malformed: %1.</source>
        <translation>Das Manifest, das ein Pack trägt, ist fehlerhaft: %1.</translation>
    </message>
    <message>
        <source>a member is not a file of the manifest</source>
        <translation>ein Mitglied ist keine Datei des Manifests</translation>
    </message>
    <message>
        <source>the manifest a pack carries</source>
        <translation>das Manifest, das ein Pack trägt</translation>
    </message>
    <message>
        <source>it has no list of files</source>
        <translation>es hat keine Dateiliste</translation>
    </message>
    <message>
        <source>a member names no entry of it</source>
        <translation>ein Mitglied nennt keinen Eintrag darin</translation>
    </message>
    <message>
        <source>a member is not a file of it whose sha256 is left out</source>
        <translation>ein Mitglied ist keine Datei darin, deren sha256 weggelassen ist</translation>
    </message>
</context>
<context>
    <name>PartialFile</name>
    <message>
        <source>The disk is full while writing %1.</source>
        <translation>Der Datenträger ist voll beim Schreiben von %1.</translation>
    </message>
    <message>
        <source>Cannot open %1: %2.</source>
        <translation>%1 kann nicht geöffnet werden: %2.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2.</source>
        <translation>%1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>%1 is not open.</source>
        <translation>%1 ist nicht geöffnet.</translation>
    </message>
    <message>
        <source>%1 would grow past the %2 bytes allowed for it.</source>
        <translation>%1 würde über die dafür erlaubten %2 Bytes hinauswachsen.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2.</source>
        <translation>%1 kann nicht geschrieben werden: %2.</translation>
    </message>
    <message>
        <source>Cannot empty %1: %2.</source>
        <translation>%1 kann nicht geleert werden: %2.</translation>
    </message>
    <message>
        <source>%1 is not complete.</source>
        <translation>%1 ist nicht vollständig.</translation>
    </message>
    <message>
        <source>Cannot write %1 to disk: %2.</source>
        <translation>%1 kann nicht auf den Datenträger geschrieben werden: %2.</translation>
    </message>
    <message>
        <source>Cannot move %1 to %2: %3.</source>
        <translation>%1 kann nicht nach %2 verschoben werden: %3.</translation>
    </message>
    <message>
        <source>Nothing can check it.</source>
        <translation>Sie kann nicht geprüft werden.</translation>
    </message>
</context>
<context>
    <name>PasswordStore</name>
    <message>
        <source>Cannot keep the password in %1: %2.</source>
        <translation>Das Passwort kann nicht in %1 aufbewahrt werden: %2.</translation>
    </message>
    <message>
        <source>No password is kept for %1, neither in the secret store (%2) nor in %3.</source>
        <translation>Für %1 ist kein Passwort aufbewahrt, weder im Schlüsselbund (%2) noch in %3.</translation>
    </message>
</context>
<context>
    <name>PatchDecoder</name>
    <message>
        <source>Cannot create %1: %2.</source>
        <translation>%1 kann nicht angelegt werden: %2.</translation>
    </message>
    <message>
        <source>The patch %1 unpacks to more than the %2 bytes the manifest gives; it was refused.</source>
        <translation>Der Patch %1 entpackt zu mehr als den %2 Bytes, die das Manifest angibt; er wurde abgelehnt.</translation>
    </message>
    <message>
        <source>The disk is full while writing %1.</source>
        <translation>Der Datenträger ist voll beim Schreiben von %1.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2.</source>
        <translation>%1 kann nicht geschrieben werden: %2.</translation>
    </message>
    <message>
        <source>The patch %1 unpacks to %2 bytes where the manifest gives %3.</source>
        <translation>Der Patch %1 entpackt zu %2 Bytes, das Manifest gibt %3 an.</translation>
    </message>
    <message>
        <source>The patch %1 does not give the content the manifest names (its sha256 differs); the installed file it starts from may have been changed.</source>
        <translation>Der Patch %1 ergibt nicht den Inhalt, den das Manifest nennt (seine sha256 weicht ab); die installierte Ausgangsdatei wurde vielleicht verändert.</translation>
    </message>
    <message>
        <source>Cannot finish %1.</source>
        <translation>%1 kann nicht abgeschlossen werden.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2.</source>
        <translation>%1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>The patch %1 is damaged: %2.</source>
        <translation>Der Patch %1 ist beschädigt: %2.</translation>
    </message>
    <message>
        <source>zstd failed: %1.</source>
        <translation>zstd ist fehlgeschlagen: %1.</translation>
    </message>
    <message>
        <source>it has bytes past its frame</source>
        <translation>er hat Bytes hinter seinem Frame</translation>
    </message>
    <message>
        <source>The patch %1 is truncated.</source>
        <translation>Der Patch %1 ist abgeschnitten.</translation>
    </message>
    <message>
        <source>The manifest gives a negative size for %1.</source>
        <translation>Das Manifest gibt für %1 eine negative Größe an.</translation>
    </message>
    <message>
        <source>it is not a zstd frame</source>
        <translation>er ist kein zstd-Frame</translation>
    </message>
    <message>
        <source>its frame header is not valid</source>
        <translation>sein Frame-Kopf ist ungültig</translation>
    </message>
    <message>
        <source>The patch %1 does not say how many bytes it unpacks to; it was refused.</source>
        <translation>Der Patch %1 gibt nicht an, zu wie vielen Bytes er entpackt; er wurde abgelehnt.</translation>
    </message>
    <message>
        <source>The patch %1 asks for a zstd window of %2 bytes where at most %3 are allowed for its old and new files; it was refused.</source>
        <translation>Der Patch %1 verlangt ein zstd-Fenster von %2 Bytes, wo für seine alte und neue Datei höchstens %3 erlaubt sind; er wurde abgelehnt.</translation>
    </message>
</context>
<context>
    <name>PatchEncoder</name>
    <message>
        <source>Cannot write %1: %2.</source>
        <translation>%1 kann nicht geschrieben werden: %2.</translation>
    </message>
    <message>
        <source>zstd failed: %1.</source>
        <translation>zstd ist fehlgeschlagen: %1.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2.</source>
        <translation>%1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>%1 changed while its patch was being made.</source>
        <translation>%1 hat sich geändert, während sein Patch erstellt wurde.</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>%1 kann nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>%1 or the file it replaces is too large for a zstd patch (more than 2 GiB); publish it whole.</source>
        <translation>%1 oder die Datei, die sie ersetzt, ist zu groß für einen zstd-Patch (mehr als 2 GiB); veröffentlichen Sie sie ganz.</translation>
    </message>
</context>
<context>
    <name>PatchWriter</name>
    <message>
        <source>Cannot read %1.</source>
        <translation>%1 kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>%1 kann nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>Cannot create %1/patches.</source>
        <translation>%1/patches kann nicht angelegt werden.</translation>
    </message>
</context>
<context>
    <name>PrefixFrame</name>
    <message>
        <source>A zstd frame is refused: %1.</source>
        <translation>Ein zstd-Frame wurde abgelehnt: %1.</translation>
    </message>
    <message>
        <source>it does not declare a size of at most %1 bytes</source>
        <translation>er gibt keine Größe von höchstens %1 Bytes an</translation>
    </message>
    <message>
        <source>its window or its length is not what it makes justifies</source>
        <translation>sein Fenster oder seine Länge ist nicht durch das gerechtfertigt, was er erzeugt</translation>
    </message>
    <message>
        <source>it is short</source>
        <translation>er ist zu kurz</translation>
    </message>
</context>
<context>
    <name>PrefixFrameWriter</name>
    <message>
        <source>zstd failed compressing against a prefix: %1.</source>
        <translation>zstd ist beim Komprimieren mit einem Präfix fehlgeschlagen: %1.</translation>
    </message>
</context>
<context>
    <name>ProgressPanel</name>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Anhalten</translation>
    </message>
    <message>
        <source>&amp;Cancel update</source>
        <translation>Aktualisierung a&amp;bbrechen</translation>
    </message>
    <message>
        <source>Update progress</source>
        <translation>Fortschritt der Aktualisierung</translation>
    </message>
    <message>
        <source>Pause or resume the download</source>
        <translation>Herunterladen anhalten oder fortsetzen</translation>
    </message>
    <message>
        <source>Cancel the update</source>
        <translation>Aktualisierung abbrechen</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Fortsetzen</translation>
    </message>
    <message>
        <source>%1 downloaded</source>
        <translation>%1 heruntergeladen</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>1 second left</source>
        <translation>noch 1 Sekunde</translation>
    </message>
    <message>
        <source>%1 seconds left</source>
        <translation>noch %1 Sekunden</translation>
    </message>
    <message>
        <source>about 1 minute left</source>
        <translation>noch etwa 1 Minute</translation>
    </message>
    <message>
        <source>about %1 minutes left</source>
        <translation>noch etwa %1 Minuten</translation>
    </message>
    <message>
        <source>about 1 hour left</source>
        <translation>noch etwa 1 Stunde</translation>
    </message>
    <message>
        <source>about %1 hours left</source>
        <translation>noch etwa %1 Stunden</translation>
    </message>
    <message>
        <source>Already downloaded</source>
        <translation>Bereits heruntergeladen</translation>
    </message>
</context>
<context>
    <name>PublicKey</name>
    <message>
        <source>The public key has no &quot;%1&quot; string.</source>
        <translation>Der öffentliche Schlüssel hat keine Zeichenkette „%1“.</translation>
    </message>
    <message>
        <source>The ECDSA public key is not a readable PEM public key.</source>
        <translation>Der öffentliche ECDSA-Schlüssel ist kein lesbarer öffentlicher PEM-Schlüssel.</translation>
    </message>
    <message>
        <source>The ECDSA public key&apos;s PEM holds a key of another type.</source>
        <translation>Das PEM des öffentlichen ECDSA-Schlüssels enthält einen Schlüssel anderen Typs.</translation>
    </message>
    <message>
        <source>The ECDSA public key is on curve &apos;%1&apos;; only P-256 is supported.</source>
        <translation>Der öffentliche ECDSA-Schlüssel liegt auf der Kurve „%1“; nur P-256 wird unterstützt.</translation>
    </message>
    <message>
        <source>An ECDSA P-256 public point is 33 or 65 bytes; this one is %1.</source>
        <translation>Ein öffentlicher ECDSA-P-256-Punkt hat 33 oder 65 Bytes; dieser hat %1.</translation>
    </message>
    <message>
        <source>The ECDSA public key is not a point on the P-256 curve.</source>
        <translation>Der öffentliche ECDSA-Schlüssel ist kein Punkt auf der Kurve P-256.</translation>
    </message>
    <message>
        <source>An ed25519 public key is 32 bytes; this one is %1.</source>
        <translation>Ein öffentlicher ed25519-Schlüssel hat 32 Bytes; dieser hat %1.</translation>
    </message>
    <message>
        <source>OpenSSL could not load an ed25519 public key.</source>
        <translation>OpenSSL konnte keinen öffentlichen ed25519-Schlüssel laden.</translation>
    </message>
    <message>
        <source>A public key must be a JSON object.</source>
        <translation>Ein öffentlicher Schlüssel muss ein JSON-Objekt sein.</translation>
    </message>
    <message>
        <source>The public key has no &quot;keyval&quot; object.</source>
        <translation>Der öffentliche Schlüssel hat kein Objekt „keyval“.</translation>
    </message>
    <message>
        <source>The ed25519 public key</source>
        <translation>Der öffentliche ed25519-Schlüssel</translation>
    </message>
    <message>
        <source>The ECDSA public key</source>
        <translation>Der öffentliche ECDSA-Schlüssel</translation>
    </message>
    <message>
        <source>Key type &apos;%1&apos; with scheme &apos;%2&apos; is not supported; keys must be ed25519 or ecdsa-sha2-nistp256.</source>
        <translation>Der Schlüsseltyp „%1“ mit dem Verfahren „%2“ wird nicht unterstützt; Schlüssel müssen ed25519 oder ecdsa-sha2-nistp256 sein.</translation>
    </message>
    <message>
        <source>An ed25519 signature is 64 bytes; this one is %1.</source>
        <translation>Eine ed25519-Signatur hat 64 Bytes; diese hat %1.</translation>
    </message>
    <message>
        <source>The ECDSA signature is neither DER-encoded nor 64 bytes of r and s.</source>
        <translation>Die ECDSA-Signatur ist weder DER-kodiert noch 64 Bytes aus r und s.</translation>
    </message>
    <message>
        <source>OpenSSL could not start verifying a signature.</source>
        <translation>OpenSSL konnte die Prüfung einer Signatur nicht beginnen.</translation>
    </message>
    <message>
        <source>The signature by key %1 does not match the signed data.</source>
        <translation>Die Signatur mit dem Schlüssel %1 passt nicht zu den signierten Daten.</translation>
    </message>
</context>
<context>
    <name>PublisherCheck</name>
    <message>
        <source>The CA certificate that root metadata names for %1</source>
        <translation>Das CA-Zertifikat, das die Root-Metadaten für %1 nennen</translation>
    </message>
    <message>
        <source>The certificate revocation list of %1</source>
        <translation>Die Zertifikatsperrliste von %1</translation>
    </message>
    <message>
        <source>The certificate revocation list offered for %1 was issued by %2, not by the publisher&apos;s CA.</source>
        <translation>Die für %1 angebotene Zertifikatsperrliste wurde von %2 ausgestellt, nicht von der Zertifizierungsstelle des Herausgebers.</translation>
    </message>
    <message>
        <source>The certificate revocation list offered for %1 names its CA but is not signed by the CA&apos;s key.</source>
        <translation>Die für %1 angebotene Zertifikatsperrliste nennt dessen Zertifizierungsstelle, ist aber nicht mit deren Schlüssel signiert.</translation>
    </message>
    <message>
        <source>The certificate revocation list of %1 was issued at %2, later than now (%3); the list or this computer&apos;s clock is wrong.</source>
        <translation>Die Zertifikatsperrliste von %1 wurde am %2 ausgestellt, später als jetzt (%3); die Liste oder die Uhr dieses Computers ist falsch.</translation>
    </message>
    <message>
        <source>The certificate revocation list of %1 has no next update date, so nobody can tell whether it is current.</source>
        <translation>Die Zertifikatsperrliste von %1 hat kein Datum der nächsten Aktualisierung, daher kann niemand sagen, ob sie aktuell ist.</translation>
    </message>
    <message>
        <source>The certificate revocation list of %1 expired at %2; the repository offers no current one (or a mirror withholds it).</source>
        <translation>Die Zertifikatsperrliste von %1 ist am %2 abgelaufen; das Repository bietet keine aktuelle an (oder ein Spiegelserver hält sie zurück).</translation>
    </message>
    <message>
        <source>The certificate revocation list of %1 has no CRL number, so nobody can tell whether it is older than one already seen.</source>
        <translation>Die Zertifikatsperrliste von %1 hat keine CRL-Nummer, daher kann niemand sagen, ob sie älter ist als eine bereits gesehene.</translation>
    </message>
    <message>
        <source>The certificate revocation list of %1 is number %2, older than number %3 that this installation already accepted (an old list replayed).</source>
        <translation>Die Zertifikatsperrliste von %1 hat die Nummer %2 und ist älter als Nummer %3, die diese Installation bereits angenommen hat (eine alte Liste wurde erneut eingespielt).</translation>
    </message>
    <message>
        <source>%1: serial %2.</source>
        <translation>%1: Seriennummer %2.</translation>
    </message>
    <message>
        <source>The signature of the release manifest %1 is %2 bytes long; a signature of %3 is never larger than %4 bytes</source>
        <translation>Die Signatur des Release-Manifests %1 ist %2 Bytes lang; eine Signatur von %3 ist nie größer als %4 Bytes</translation>
    </message>
    <message>
        <source>The signature of the release manifest %1 is cut short: %2 of its %3 bytes are there, so it cannot show that %4 published it</source>
        <translation>Die Signatur des Release-Manifests %1 ist abgeschnitten: %2 ihrer %3 Bytes sind vorhanden, daher kann sie nicht zeigen, dass %4 es veröffentlicht hat</translation>
    </message>
    <message>
        <source>The signature of the release manifest %1 is not a CMS signature, so it cannot show that %2 published it</source>
        <translation>Die Signatur des Release-Manifests %1 ist keine CMS-Signatur, daher kann sie nicht zeigen, dass %2 es veröffentlicht hat</translation>
    </message>
    <message>
        <source>The signature of the release manifest %1 has %2 signers; a release of %3 is signed by exactly one certificate</source>
        <translation>Die Signatur des Release-Manifests %1 hat %2 Signierer; ein Release von %3 ist von genau einem Zertifikat signiert</translation>
    </message>
    <message>
        <source>The signature of the release manifest %1 carries a manifest inside it; %2&apos;s manifests are signed with detached signatures only</source>
        <translation>Die Signatur des Release-Manifests %1 enthält selbst ein Manifest; die Manifeste von %2 werden nur mit abgetrennten Signaturen signiert</translation>
    </message>
    <message>
        <source>The signature of the release manifest %1 does not carry its signer&apos;s certificate, so it cannot be traced to %2</source>
        <translation>Die Signatur des Release-Manifests %1 enthält nicht das Zertifikat ihres Signierers, daher lässt sie sich nicht auf %2 zurückführen</translation>
    </message>
    <message>
        <source>The signature of the release manifest %1 does not say when it was made, so nobody can tell whether the certificate of %2 was valid then</source>
        <translation>Die Signatur des Release-Manifests %1 sagt nicht, wann sie erstellt wurde, daher kann niemand sagen, ob das Zertifikat von %2 damals gültig war</translation>
    </message>
    <message>
        <source>The signature of the release manifest %1 has a malformed signing time, so nobody can tell whether the certificate of %2 was valid then</source>
        <translation>Die Signatur des Release-Manifests %1 hat eine fehlerhafte Signierzeit, daher kann niemand sagen, ob das Zertifikat von %2 damals gültig war</translation>
    </message>
    <message>
        <source>The signature of the release manifest %1 by a certificate of %2 uses the digest %3; Upkeep accepts SHA-256, SHA-384 and SHA-512</source>
        <translation>Die Signatur des Release-Manifests %1 durch ein Zertifikat von %2 verwendet den Hash %3; Upkeep akzeptiert SHA-256, SHA-384 und SHA-512</translation>
    </message>
    <message>
        <source>The signature of the release manifest %1 was not made with the key of the certificate of %2 it names</source>
        <translation>Die Signatur des Release-Manifests %1 wurde nicht mit dem Schlüssel des Zertifikats von %2 erstellt, das sie nennt</translation>
    </message>
    <message>
        <source>The release manifest %1 says it was signed by a certificate of %2 at %3, later than now (%4)</source>
        <translation>Das Release-Manifest %1 gibt an, am %3 von einem Zertifikat von %2 signiert worden zu sein, später als jetzt (%4)</translation>
    </message>
    <message>
        <source>The release manifest %1 differs from the one the certificate of %2 signed</source>
        <translation>Das Release-Manifest %1 unterscheidet sich von dem, das das Zertifikat von %2 signiert hat</translation>
    </message>
    <message>
        <source>The release manifest %1 was signed at %2, when the CA certificate of %3 was not valid (%4 to %5)</source>
        <translation>Das Release-Manifest %1 wurde am %2 signiert, als das CA-Zertifikat von %3 nicht gültig war (%4 bis %5)</translation>
    </message>
    <message>
        <source>The release manifest %1 is signed by a certificate of %2 that had expired at %3 when it signed at %4</source>
        <translation>Das Release-Manifest %1 ist von einem Zertifikat von %2 signiert, das am %3 abgelaufen war, als es am %4 signierte</translation>
    </message>
    <message>
        <source>The release manifest %1 is signed by a certificate of %2 that was not valid before %3 and signed at %4</source>
        <translation>Das Release-Manifest %1 ist von einem Zertifikat von %2 signiert, das erst ab %3 gültig war und am %4 signierte</translation>
    </message>
    <message>
        <source>The release manifest %1 is signed by a certificate that the CA of %2 did not issue (its issuer is %3)</source>
        <translation>Das Release-Manifest %1 ist von einem Zertifikat signiert, das die Zertifizierungsstelle von %2 nicht ausgestellt hat (sein Aussteller ist %3)</translation>
    </message>
    <message>
        <source>The release manifest %1 is signed by a certificate that names the CA of %2 as its issuer but does not carry its signature (a damaged or forged certificate)</source>
        <translation>Das Release-Manifest %1 ist von einem Zertifikat signiert, das die Zertifizierungsstelle von %2 als Aussteller nennt, aber nicht deren Signatur trägt (ein beschädigtes oder gefälschtes Zertifikat)</translation>
    </message>
    <message>
        <source>The release manifest %1 is signed by a certificate of %2 that does not chain to its CA: %3</source>
        <translation>Das Release-Manifest %1 ist von einem Zertifikat von %2 signiert, das sich nicht auf dessen Zertifizierungsstelle zurückführen lässt: %3</translation>
    </message>
    <message>
        <source>The release manifest %1 is signed by a certificate of %2 that does not chain to the CA this installation pins (%3)</source>
        <translation>Das Release-Manifest %1 ist von einem Zertifikat von %2 signiert, das sich nicht auf die Zertifizierungsstelle zurückführen lässt, die diese Installation festlegt (%3)</translation>
    </message>
    <message>
        <source>The release manifest %1 is signed by a CA certificate of %2, not by a signer&apos;s certificate</source>
        <translation>Das Release-Manifest %1 ist von einem CA-Zertifikat von %2 signiert, nicht von einem Signiererzertifikat</translation>
    </message>
    <message>
        <source>The release manifest %1 is signed by a certificate of %2 that is not for code signing (its extended key usage lacks codeSigning)</source>
        <translation>Das Release-Manifest %1 ist von einem Zertifikat von %2 signiert, das nicht zum Signieren von Code dient (seiner erweiterten Schlüsselverwendung fehlt codeSigning)</translation>
    </message>
    <message>
        <source>The release manifest %1 is signed by a certificate of %2 whose key usage lacks digitalSignature</source>
        <translation>Das Release-Manifest %1 ist von einem Zertifikat von %2 signiert, dessen Schlüsselverwendung digitalSignature fehlt</translation>
    </message>
    <message>
        <source>The release manifest %1 was to be checked against a certificate revocation list that is not the one of %2</source>
        <translation>Das Release-Manifest %1 sollte gegen eine Zertifikatsperrliste geprüft werden, die nicht die von %2 ist</translation>
    </message>
    <message>
        <source>The release manifest %1 is signed by a certificate of %2 that was revoked on %3 (%4)</source>
        <translation>Das Release-Manifest %1 ist von einem Zertifikat von %2 signiert, das am %3 gesperrt wurde (%4)</translation>
    </message>
    <message>
        <source>The signature of the release manifest %1 carries a signer certificate that cannot be read, so it cannot be traced to %2</source>
        <translation>Die Signatur des Release-Manifests %1 enthält ein Unterzeichnerzertifikat, das nicht gelesen werden kann; daher lässt sie sich nicht auf %2 zurückführen</translation>
    </message>
</context>
<context>
    <name>PublisherDialog</name>
    <message>
        <source>Publisher of %1</source>
        <translation>Herausgeber von %1</translation>
    </message>
    <message>
        <source>Publisher</source>
        <translation>Herausgeber</translation>
    </message>
    <message>
        <source>Upkeep verified that this release was signed with a certificate that %1 issued, and that the certificate was valid and not revoked.</source>
        <translation>Upkeep hat geprüft, dass diese Version mit einem Zertifikat signiert wurde, das %1 ausgestellt hat, und dass das Zertifikat gültig und nicht widerrufen war.</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>Inhaber:</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Inhaber</translation>
    </message>
    <message>
        <source>Issuer:</source>
        <translation>Aussteller:</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>Aussteller</translation>
    </message>
    <message>
        <source>Serial number</source>
        <translation>Seriennummer</translation>
    </message>
    <message>
        <source>Serial number:</source>
        <translation>Seriennummer:</translation>
    </message>
    <message>
        <source>Valid:</source>
        <translation>Gültig:</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 bis %2</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>Gültig</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint</source>
        <translation>SHA-256-Fingerabdruck</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint:</source>
        <translation>SHA-256-Fingerabdruck:</translation>
    </message>
    <message>
        <source>Signed:</source>
        <translation>Signiert:</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>Signiert</translation>
    </message>
    <message>
        <source>Revocation</source>
        <translation>Widerruf</translation>
    </message>
    <message>
        <source>Revocation:</source>
        <translation>Widerruf:</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Not revoked — checked against the list of %1, next update due %2.</source>
        <translation>Nicht widerrufen – geprüft anhand der Sperrliste vom %1,
nächste Aktualisierung fällig am %2.</translation>
    </message>
</context>
<context>
    <name>PublisherIdentity</name>
    <message>
        <source>%1 already has a publisher identity, %2 (CA serial %3). upkeep-publish does not replace one: its certificates and signatures would all have to change with it.</source>
        <translation>%1 hat bereits eine Herausgeberidentität, %2 (CA-Seriennummer %3). upkeep-publish ersetzt keine: alle ihre Zertifikate und Signaturen müssten sich mit ihr ändern.</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>unlesbar</translation>
    </message>
    <message>
        <source>The publisher&apos;s name is empty.</source>
        <translation>Der Name des Herausgebers ist leer.</translation>
    </message>
    <message>
        <source>The CA goes into root metadata, which needs %1 of the root keys; the key folders given (%2) hold %3. Run ca init with the root keys.</source>
        <translation>Die CA kommt in die Root-Metadaten, und die brauchen %1 der Root-Schlüssel; die angegebenen Schlüsselordner (%2) enthalten %3. Führen Sie ca init mit den Root-Schlüsseln aus.</translation>
    </message>
    <message>
        <source>%1 has no publisher identity; make one with &quot;upkeep-publish ca init&quot;.</source>
        <translation>%1 hat keine Herausgeberidentität; legen Sie eine mit „upkeep-publish ca init“ an.</translation>
    </message>
    <message>
        <source>The CA certificate in root metadata</source>
        <translation>Das CA-Zertifikat in den Root-Metadaten</translation>
    </message>
    <message>
        <source>Cannot read %1 (%2): %3.</source>
        <translation>%1 (%2) kann nicht gelesen werden: %3.</translation>
    </message>
    <message>
        <source>%1 has a publisher identity but the top-level targets list no %2.</source>
        <translation>%1 hat eine Herausgeberidentität, aber die oberste targets-Rolle führt kein %2.</translation>
    </message>
    <message>
        <source>This needs the publisher CA&apos;s key, %1.%2.pem, and the key folders given (%3) do not hold it.</source>
        <translation>Dafür wird der Schlüssel der Herausgeber-CA gebraucht, %1.%2.pem, und die angegebenen Schlüsselordner (%3) enthalten ihn nicht.</translation>
    </message>
    <message>
        <source>The signer&apos;s name is empty.</source>
        <translation>Der Name des Unterzeichners ist leer.</translation>
    </message>
    <message>
        <source>No certificate of %1 has the serial %2: none in the key folders&apos; certificates/ (%3) and none among the signatures of the releases on offer.</source>
        <translation>Kein Zertifikat von %1 hat die Seriennummer %2: keines in certificates/ der Schlüsselordner (%3) und keines unter den Signaturen der angebotenen Releases.</translation>
    </message>
    <message>
        <source>The certificate %1 (%2) was revoked on %3 (%4) already.</source>
        <translation>Das Zertifikat %1 (%2) wurde bereits am %3 widerrufen (%4).</translation>
    </message>
    <message>
        <source>Revoking %1 would leave %2 on offer without a valid signature, and no other valid signer certificate has its key in the key folders given. Add --replace to issue a replacement, or &quot;cert issue&quot; one first.</source>
        <translation>Der Widerruf von %1 ließe %2 ohne gültige Signatur im Angebot, und kein anderes gültiges Unterzeichnerzertifikat hat seinen Schlüssel in den angegebenen Schlüsselordnern. Geben Sie --replace an, um ein Ersatzzertifikat auszustellen, oder stellen Sie zuerst eines mit „cert issue“ aus.</translation>
    </message>
    <message>
        <source>%1 is on offer without the manifest it signs, %2.</source>
        <translation>%1 wird ohne das Manifest angeboten, das es signiert, %2.</translation>
    </message>
    <message>
        <source>%1 has a publisher identity (%2), so every release is signed, and the key folders given (%3) hold no valid signer certificate with its key. Make one with &quot;upkeep-publish cert issue %1 --keys DIR --signer NAME&quot;.</source>
        <translation>%1 hat eine Herausgeberidentität (%2), daher wird jedes Release signiert, und die angegebenen Schlüsselordner (%3) enthalten kein gültiges Signiererzertifikat samt Schlüssel. Legen Sie eines mit „upkeep-publish cert issue %1 --keys DIR --signer NAME“ an.</translation>
    </message>
</context>
<context>
    <name>PublisherVerification</name>
    <message>
        <source>Cannot read the publisher CA pinned for this installation (%1): %2.</source>
        <translation>Die für diese Installation festgelegte Herausgeber-CA (%1) kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>The repository names %1 as its publisher but lists no revocation list (%2), so no signature of theirs can be trusted.</source>
        <translation>Das Repository nennt %1 als Herausgeber, führt aber keine Sperrliste (%2); daher kann keiner ihrer Signaturen vertraut werden.</translation>
    </message>
    <message>
        <source>This installation requires releases signed for the publisher CA pinned in %1, but the repository names no publisher; %2 is not installed.</source>
        <translation>Diese Installation verlangt Releases, die für die in %1 festgelegte Herausgeber-CA signiert sind, aber das Repository nennt keinen Herausgeber; %2 wird nicht installiert.</translation>
    </message>
    <message>
        <source>%1 is not signed by %2: the repository lists no signature %3 for it.</source>
        <translation>%1 ist nicht von %2 signiert: Das Repository führt keine Signatur %3 dafür.</translation>
    </message>
</context>
<context>
    <name>ReleaseModel</name>
    <message>
        <source>Version %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <source>critical update</source>
        <translation>kritische Aktualisierung</translation>
    </message>
    <message>
        <source>*No release notes.*</source>
        <translation>*Keine Versionshinweise.*</translation>
    </message>
</context>
<context>
    <name>ReleasePublisher</name>
    <message>
        <source>Cannot write %1.</source>
        <translation>%1 kann nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>%1 %2 is already published (on %3, as %4); a release is never replaced. Publish a new version, or promote this one.</source>
        <translation>%1 %2 ist bereits veröffentlicht (auf %3, als %4); eine Version wird nie ersetzt. Veröffentlichen Sie eine neue Version oder befördern Sie diese.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; cannot name an application: use letters, digits, &quot;.&quot;, &quot;_&quot; and &quot;-&quot;.</source>
        <translation>„%1“ kann keine Anwendung benennen: Verwenden Sie Buchstaben, Ziffern, „.“, „_“ und „-“.</translation>
    </message>
    <message>
        <source>There is no channel &quot;%1&quot;; the channels are: %2.</source>
        <translation>Es gibt keinen Kanal „%1“; die Kanäle sind: %2.</translation>
    </message>
    <message>
        <source>The patch depth is a number of earlier releases from 0 to %1.</source>
        <translation>Die Patch-Tiefe ist eine Anzahl früherer Versionen von 0 bis %1.</translation>
    </message>
    <message>
        <source>The rollout is a percentage from 1 to 100.</source>
        <translation>Die Verteilung ist ein Prozentsatz von 1 bis 100.</translation>
    </message>
    <message>
        <source>The minimum version to update from (%1) must be older than %2.</source>
        <translation>Die Mindestversion, von der aktualisiert werden kann (%1), muss älter als %2 sein.</translation>
    </message>
    <message>
        <source>%1 %2 was published before (and yanked since); a version number is never reused. Publish a new version.</source>
        <translation>%1 %2 wurde schon einmal veröffentlicht (und seither zurückgezogen); eine Versionsnummer wird nie wiederverwendet. Veröffentlichen Sie eine neue Version.</translation>
    </message>
    <message>
        <source>Cannot read the release notes %1: %2.</source>
        <translation>Die Versionshinweise %1 können nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>The health check &quot;%1&quot; names no program.</source>
        <translation>Die Funktionsprüfung „%1“ nennt kein Programm.</translation>
    </message>
    <message>
        <source>The health check runs &quot;%1&quot;, which is not a file of the release; name it relative to the release&apos;s top folder.</source>
        <translation>Die Funktionsprüfung führt „%1“ aus, was keine Datei der Version ist; geben Sie es relativ zum obersten Ordner der Version an.</translation>
    </message>
    <message>
        <source>The health check&apos;s time-out is from 1 to 3600 seconds.</source>
        <translation>Die Zeitgrenze der Funktionsprüfung liegt zwischen 1 und 3600 Sekunden.</translation>
    </message>
    <message>
        <source>Cannot read the manifest of %1 %2 (%3) to make patches from it: %4.</source>
        <translation>Das Manifest von %1 %2 (%3) kann nicht gelesen werden, um Patches daraus zu erstellen: %4.</translation>
    </message>
    <message>
        <source>Making patches from earlier releases</source>
        <translation>Patches aus früheren Versionen werden erstellt</translation>
    </message>
    <message>
        <source>The repository has no publisher identity to sign releases for.</source>
        <translation>Das Repository hat keine Herausgeberidentität, für die Releases signiert werden könnten.</translation>
    </message>
    <message>
        <source>The manifest&apos;s format is 1 or 2.</source>
        <translation>Das Format des Manifests ist 1 oder 2.</translation>
    </message>
    <message>
        <source>%1 needs about %2, more than the memory limit of %3: it ran alone.</source>
        <translation>%1 braucht etwa %2, mehr als die Speichergrenze von %3, und wurde daher allein verarbeitet.</translation>
    </message>
    <message>
        <source>The patch to %1 was made by zstd alone: bsdiff would need more than the memory limit of %2.</source>
        <translation>Der Patch nach %1 wurde nur mit zstd erstellt: bsdiff bräuchte mehr als die Speichergrenze von %2.</translation>
    </message>
    <message>
        <source>The patch to %1</source>
        <translation>Der Patch nach %1</translation>
    </message>
    <message>
        <source>A pack from %1</source>
        <translation>Ein Pack von %1</translation>
    </message>
    <message>
        <source>The bundle</source>
        <translation>Das Paket</translation>
    </message>
    <message>
        <source>Cannot write %1: %2.</source>
        <translation>%1 kann nicht geschrieben werden: %2.</translation>
    </message>
</context>
<context>
    <name>ReleaseTree</name>
    <message>
        <source>Refused the entry &quot;%1&quot;: %2.</source>
        <translation>Der Eintrag „%1“ wurde abgelehnt: %2.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2.</source>
        <translation>%1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>Cannot create %1.</source>
        <translation>%1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>%1 is neither a folder nor an archive Upkeep reads (.tar, .tar.gz, .tar.xz, .tar.zst, .zip).</source>
        <translation>%1 ist weder ein Ordner noch ein Archiv, das Upkeep liest (.tar, .tar.gz, .tar.xz, .tar.zst, .zip).</translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 gibt es nicht.</translation>
    </message>
    <message>
        <source>%1 holds no files.</source>
        <translation>%1 enthält keine Dateien.</translation>
    </message>
    <message>
        <source>Cannot open the archive: %1.</source>
        <translation>Das Archiv kann nicht geöffnet werden: %1.</translation>
    </message>
    <message>
        <source>The archive is damaged: %1.</source>
        <translation>Das Archiv ist beschädigt: %1.</translation>
    </message>
    <message>
        <source>an absolute path</source>
        <translation>ein absoluter Pfad</translation>
    </message>
    <message>
        <source>the path leaves the release folder or is not a plain relative path</source>
        <translation>der Pfad verlässt den Versionsordner oder ist kein einfacher relativer Pfad</translation>
    </message>
    <message>
        <source>it is in the archive twice</source>
        <translation>er ist doppelt im Archiv</translation>
    </message>
    <message>
        <source>it lies inside a symlink</source>
        <translation>er liegt in einem symbolischen Link</translation>
    </message>
    <message>
        <source>a hard link to &quot;%1&quot;, which is not a file of the archive</source>
        <translation>ein harter Link auf „%1“, das keine Datei des Archivs ist</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>%1 kann nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>a symlink to &quot;%1&quot;, outside the release</source>
        <translation>ein symbolischer Link auf „%1“, außerhalb der Version</translation>
    </message>
    <message>
        <source>Cannot create the symlink %1.</source>
        <translation>Der symbolische Link %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2.</source>
        <translation>%1 kann nicht geschrieben werden: %2.</translation>
    </message>
    <message>
        <source>The archive is damaged at %1: %2.</source>
        <translation>Das Archiv ist bei %1 beschädigt: %2.</translation>
    </message>
    <message>
        <source>a device file</source>
        <translation>eine Gerätedatei</translation>
    </message>
    <message>
        <source>a FIFO</source>
        <translation>ein FIFO</translation>
    </message>
    <message>
        <source>a socket</source>
        <translation>ein Socket</translation>
    </message>
    <message>
        <source>an entry of unknown type</source>
        <translation>ein Eintrag unbekannten Typs</translation>
    </message>
    <message>
        <source>Cannot read %1.</source>
        <translation>%1 kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>the name is not a plain relative path</source>
        <translation>der Name ist kein einfacher relativer Pfad</translation>
    </message>
    <message>
        <source>a socket or other special file</source>
        <translation>ein Socket oder eine andere Spezialdatei</translation>
    </message>
</context>
<context>
    <name>RepositoryClient</name>
    <message>
        <source>Cannot read the trusted metadata %1: %2.</source>
        <translation>Die vertrauenswürdigen Metadaten %1 können nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>No repository address is configured.</source>
        <translation>Es ist keine Adresse der Quelle eingerichtet.</translation>
    </message>
    <message>
        <source>The repository delegates to more than %1 roles.</source>
        <translation>Die Quelle delegiert an mehr als %1 Rollen.</translation>
    </message>
    <message>
        <source>The snapshot does not list the role &quot;%1&quot;.</source>
        <translation>Der Snapshot nennt die Rolle „%1“ nicht.</translation>
    </message>
    <message>
        <source>Refused the unsafe target path &quot;%1&quot;.</source>
        <translation>Der unsichere Zielpfad „%1“ wurde abgelehnt.</translation>
    </message>
</context>
<context>
    <name>RepositorySource</name>
    <message>
        <source>The repository folder %1 does not exist.</source>
        <translation>Den Ordner der Quelle %1 gibt es nicht.</translation>
    </message>
    <message>
        <source>Refused the unsafe path &quot;%1&quot;.</source>
        <translation>Der unsichere Pfad „%1“ wurde abgelehnt.</translation>
    </message>
    <message>
        <source>%1 has no file %2.</source>
        <translation>%1 hat keine Datei %2.</translation>
    </message>
    <message>
        <source>%1 is longer than the %2 bytes allowed for it (endless data).</source>
        <translation>%1 ist länger als die dafür erlaubten %2 Bytes (endlose Daten).</translation>
    </message>
</context>
<context>
    <name>RepositoryWriter</name>
    <message>
        <source>Cannot read %1: %2.</source>
        <translation>%1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>%1 already holds a repository; refusing to replace its keys.</source>
        <translation>%1 enthält bereits eine Quelle; ihre Schlüssel werden nicht ersetzt.</translation>
    </message>
    <message>
        <source>The root threshold must be between 1 and the number of root keys (%1).</source>
        <translation>Der Root-Schwellenwert muss zwischen 1 und der Anzahl der Root-Schlüssel (%1) liegen.</translation>
    </message>
    <message>
        <source>A repository needs at least one channel.</source>
        <translation>Eine Quelle braucht mindestens einen Kanal.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; cannot name a channel.</source>
        <translation>„%1“ kann keinen Kanal benennen.</translation>
    </message>
    <message>
        <source>%1 is not an Upkeep repository (no metadata/root.json); create one with &quot;upkeep-publish init&quot;.</source>
        <translation>%1 ist keine Upkeep-Quelle (kein metadata/root.json); legen Sie eine mit „upkeep-publish init“ an.</translation>
    </message>
    <message>
        <source>upkeep-publish writes repositories with consistent snapshots only.</source>
        <translation>upkeep-publish schreibt Quellen nur mit konsistenten Snapshots.</translation>
    </message>
    <message>
        <source>The snapshot does not list targets.json.</source>
        <translation>Der Snapshot nennt targets.json nicht.</translation>
    </message>
    <message>
        <source>There is no channel &quot;%1&quot;; the channels are: %2.</source>
        <translation>Es gibt keinen Kanal „%1“; die Kanäle sind: %2.</translation>
    </message>
    <message>
        <source>The target path &quot;%1&quot; must be relative, without empty, &quot;.&quot; or &quot;..&quot; parts or backslashes.</source>
        <translation>Der Zielpfad „%1“ muss relativ sein, ohne leere, „.“- oder „..“-Teile und ohne Backslashes.</translation>
    </message>
    <message>
        <source>The target path &quot;%1&quot; is not of the form APP/VERSION/FILE.</source>
        <translation>Der Zielpfad „%1“ hat nicht die Form APP/VERSION/DATEI.</translation>
    </message>
    <message>
        <source>%1 is already published (on %2) with other content; a published file is never replaced. Publish a new version instead.</source>
        <translation>%1 ist bereits (auf %2) mit anderem Inhalt veröffentlicht; eine veröffentlichte Datei wird nie ersetzt. Veröffentlichen Sie stattdessen eine neue Version.</translation>
    </message>
    <message>
        <source>There is no channel &quot;%1&quot;.</source>
        <translation>Es gibt keinen Kanal „%1“.</translation>
    </message>
    <message>
        <source>No channel has %1 %2.</source>
        <translation>Kein Kanal hat %1 %2.</translation>
    </message>
    <message>
        <source>%1 %2 is already on %3.</source>
        <translation>%1 %2 ist bereits auf %3.</translation>
    </message>
    <message>
        <source>%1 has no %2 %3.</source>
        <translation>%1 hat kein %2 %3.</translation>
    </message>
    <message>
        <source>There is no role &quot;%1&quot;; roles are %2 and the channels %3.</source>
        <translation>Es gibt keine Rolle „%1“; Rollen sind %2 und die Kanäle %3.</translation>
    </message>
    <message>
        <source>The %1 role has %2 keys; name the one to replace with --keyid (one of %3).</source>
        <translation>Die Rolle %1 hat %2 Schlüssel; nennen Sie den zu ersetzenden mit --keyid (einer von %3).</translation>
    </message>
    <message>
        <source>The %1 role has no key %2; its keys are %3.</source>
        <translation>Die Rolle %1 hat keinen Schlüssel %2; ihre Schlüssel sind %3.</translation>
    </message>
    <message>
        <source>Name the key to revoke with --keyid.</source>
        <translation>Nennen Sie den zu widerrufenden Schlüssel mit --keyid.</translation>
    </message>
    <message>
        <source>Cannot create the folder for %1.</source>
        <translation>Der Ordner für %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Signing %1 needs %2 of its keys, and the key folders given (%3) hold %4.</source>
        <translation>Zum Signieren von %1 sind %2 seiner Schlüssel nötig, und die angegebenen Schlüsselordner (%3) enthalten %4.</translation>
    </message>
    <message>
        <source>%1: the %2 role names the key &quot;%3&quot;, which is not a key id (64 lowercase hexadecimal digits); the metadata is damaged or was tampered with.</source>
        <translation>%1: Die Rolle %2 nennt den Schlüssel „%3“, der keine Schlüssel-ID ist (64 kleingeschriebene Hexadezimalziffern); die Metadaten sind beschädigt oder wurden manipuliert.</translation>
    </message>
    <message>
        <source>%1 lists &quot;%2&quot;, which is not the metadata of targets or of a channel; the metadata is damaged or was tampered with.</source>
        <translation>%1 nennt „%2“, das weder die Metadaten von targets noch die eines Kanals sind; die Metadaten sind beschädigt oder wurden manipuliert.</translation>
    </message>
    <message>
        <source>%1 delegates to &quot;%2&quot;, which cannot name a channel; the metadata is damaged or was tampered with.</source>
        <translation>%1 delegiert an „%2“, was keinen Kanal benennen kann; die Metadaten sind beschädigt oder wurden manipuliert.</translation>
    </message>
    <message>
        <source>%1 delegates to %2, which the snapshot does not list; the metadata is damaged or was tampered with.</source>
        <translation>%1 delegiert an %2, das der Snapshot nicht nennt; die Metadaten sind beschädigt oder wurden manipuliert.</translation>
    </message>
    <message>
        <source>The target path &quot;%1&quot; belongs to the channels (%2); the top-level targets role lists only files outside releases.</source>
        <translation>Der Zielpfad „%1“ gehört den Kanälen (%2); die oberste Rolle „targets“ führt nur Dateien außerhalb von Versionen.</translation>
    </message>
    <message>
        <source>No role lists %1; there is nothing to replace.</source>
        <translation>Keine Rolle führt %1; es gibt nichts zu ersetzen.</translation>
    </message>
    <message>
        <source>The rollout is a percentage from 0 to 100.</source>
        <translation>Die Verteilung ist ein Prozentsatz von 0 bis 100.</translation>
    </message>
    <message>
        <source>Cannot set the modification time of %1: %2.</source>
        <translation>Die Änderungszeit von %1 lässt sich nicht setzen: %2.</translation>
    </message>
    <message>
        <source>The channel %1 delegates to &quot;%2&quot;, which cannot name an application&apos;s role or which the snapshot does not list; the metadata is damaged or was tampered with.</source>
        <translation>Der Kanal %1 delegiert an „%2“, was keine Rolle einer Anwendung benennen kann oder was der Snapshot nicht nennt; die Metadaten sind beschädigt oder wurden manipuliert.</translation>
    </message>
    <message>
        <source>The role &quot;%1&quot; for %2 on %3 cannot be made: the name is taken or cannot be a file name.</source>
        <translation>Die Rolle „%1“ für %2 auf %3 kann nicht angelegt werden: Der Name ist vergeben oder kann kein Dateiname sein.</translation>
    </message>
    <message>
        <source>At least the newest release must be kept.</source>
        <translation>Mindestens die neueste Version muss behalten werden.</translation>
    </message>
</context>
<context>
    <name>ResponseClassifier</name>
    <message>
        <source>%1 is longer than the %2 bytes allowed for it (endless data): the server announces %3 bytes.</source>
        <translation>%1 ist länger als die dafür erlaubten %2 Bytes (endlose Daten): Der Server kündigt %3 Bytes an.</translation>
    </message>
    <message>
        <source>%1 has no byte %2: it is shorter than the signed metadata gives.</source>
        <translation>%1 hat kein Byte %2: Es ist kürzer, als die signierten Metadaten angeben.</translation>
    </message>
    <message>
        <source>%1 answered with part of the file to a request for all of it.</source>
        <translation>%1 hat auf eine Anfrage nach der ganzen Datei nur einen Teil geliefert.</translation>
    </message>
    <message>
        <source>%1 sent another part of the file than the one asked for (Content-Range: %2); starting again from the first byte.</source>
        <translation>%1 hat einen anderen Teil der Datei als den erbetenen geschickt (Content-Range: %2); es wird ab dem ersten Byte neu begonnen.</translation>
    </message>
    <message>
        <source>%1 announces %2 bytes where the signed metadata allows %3 (endless data); refused.</source>
        <translation>%1 kündigt %2 Bytes an, die signierten Metadaten erlauben %3 (endlose Daten); abgelehnt.</translation>
    </message>
    <message>
        <source>%1 announces %2 bytes where the signed metadata gives %3; refused.</source>
        <translation>%1 kündigt %2 Bytes an, die signierten Metadaten geben %3 an; abgelehnt.</translation>
    </message>
    <message>
        <source>%1 redirects more than %2 times.</source>
        <translation>%1 leitet mehr als %2-mal weiter.</translation>
    </message>
    <message>
        <source>%1 redirects to %2, which is neither https nor on the same server; not followed.</source>
        <translation>%1 leitet auf %2 weiter, das weder https ist noch auf demselben Server liegt; nicht gefolgt.</translation>
    </message>
    <message>
        <source>Cannot fetch %1: the server&apos;s TLS certificate is not trusted (%2).</source>
        <translation>%1 kann nicht abgerufen werden: Dem TLS-Zertifikat des Servers wird nicht vertraut (%2).</translation>
    </message>
    <message>
        <source>Cannot fetch %1: %2.</source>
        <translation>%1 kann nicht abgerufen werden: %2.</translation>
    </message>
    <message>
        <source>%1 stalled: no data arrived for %2 seconds.</source>
        <translation>%1 stockt: Seit %2 Sekunden sind keine Daten angekommen.</translation>
    </message>
    <message>
        <source>%1 answered HTTP %2.</source>
        <translation>%1 antwortete mit HTTP %2.</translation>
    </message>
    <message>
        <source>%1 answered HTTP %2 (%3).</source>
        <translation>%1 antwortete mit HTTP %2 (%3).</translation>
    </message>
    <message>
        <source>%1 refused the user name or password (HTTP 401).</source>
        <translation>%1 hat den Benutzernamen oder das Passwort abgelehnt (HTTP 401).</translation>
    </message>
    <message>
        <source>%1 refused access (HTTP 403): it asks for a user name and password or a client certificate it accepts.</source>
        <translation>%1 hat den Zugriff verweigert (HTTP 403): Der Server verlangt einen Benutzernamen und ein Passwort oder ein Client-Zertifikat, das er annimmt.</translation>
    </message>
</context>
<context>
    <name>RevocationList</name>
    <message>
        <source>no reason given</source>
        <translation>ohne Angabe eines Grundes</translation>
    </message>
    <message>
        <source>key compromise</source>
        <translation>Schlüssel kompromittiert</translation>
    </message>
    <message>
        <source>CA compromise</source>
        <translation>Zertifizierungsstelle kompromittiert</translation>
    </message>
    <message>
        <source>affiliation changed</source>
        <translation>Zugehörigkeit geändert</translation>
    </message>
    <message>
        <source>superseded</source>
        <translation>ersetzt</translation>
    </message>
    <message>
        <source>cessation of operation</source>
        <translation>Betrieb eingestellt</translation>
    </message>
    <message>
        <source>certificate on hold</source>
        <translation>Zertifikat ausgesetzt</translation>
    </message>
    <message>
        <source>privilege withdrawn</source>
        <translation>Berechtigung entzogen</translation>
    </message>
    <message>
        <source>attribute authority compromise</source>
        <translation>Attributstelle kompromittiert</translation>
    </message>
    <message>
        <source>The certificate revocation list is %1 bytes long; Upkeep reads at most %2 bytes.</source>
        <translation>Die Zertifikatsperrliste ist %1 Bytes lang; Upkeep liest höchstens %2 Bytes.</translation>
    </message>
    <message>
        <source>This is not a readable DER certificate revocation list.</source>
        <translation>Dies ist keine lesbare DER-Zertifikatsperrliste.</translation>
    </message>
    <message>
        <source>The certificate revocation list was issued by %1, not by the CA %2.</source>
        <translation>Die Zertifikatsperrliste wurde von %1 ausgestellt, nicht von der Zertifizierungsstelle %2.</translation>
    </message>
    <message>
        <source>The certificate revocation list names the CA %1 but is not signed by its key.</source>
        <translation>Die Zertifikatsperrliste nennt die Zertifizierungsstelle %1, ist aber nicht mit deren Schlüssel signiert.</translation>
    </message>
</context>
<context>
    <name>RoleKeys</name>
    <message>
        <source>%1 lists a key twice</source>
        <translation>%1 nennt einen Schlüssel doppelt</translation>
    </message>
</context>
<context>
    <name>RootMetadata</name>
    <message>
        <source>signed.roles has no &quot;%1&quot; role</source>
        <translation>signed.roles hat keine Rolle „%1“</translation>
    </message>
    <message>
        <source>%1 is empty</source>
        <translation>%1 ist leer</translation>
    </message>
    <message>
        <source>%1 must be the certificate&apos;s DER in base64</source>
        <translation>%1 muss das DER des Zertifikats in Base64 sein</translation>
    </message>
    <message>
        <source>%1 has the unknown member &quot;%2&quot;</source>
        <translation>%1 hat das unbekannte Feld „%2“</translation>
    </message>
</context>
<context>
    <name>SelfUpdate</name>
    <message>
        <source>Upkeep keeps itself up to date: it is installed in %1 and updates like the applications it manages, then starts again in the new version.</source>
        <translation>Upkeep hält sich selbst aktuell: Es ist in %1 installiert, aktualisiert sich wie die Anwendungen, die es verwaltet, und startet dann in der neuen Version neu.</translation>
    </message>
    <message>
        <source>Installed by the system&apos;s package manager: apt updates Upkeep with the rest of the system, so Upkeep does not update itself.</source>
        <translation>Von der Paketverwaltung des Systems installiert: apt aktualisiert Upkeep mit dem übrigen System, deshalb aktualisiert sich Upkeep nicht selbst.</translation>
    </message>
    <message>
        <source>Runs from %1, which nothing updates. Install the package, or install Upkeep for yourself from its repository (upkeep add --app upkeep), to keep it up to date.</source>
        <translation>Läuft aus %1, das nichts aktualisiert. Installieren Sie das Paket oder installieren Sie Upkeep für sich selbst aus seiner Quelle (upkeep add --app upkeep), damit es aktuell bleibt.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>&amp;Ask me</source>
        <translation>&amp;Nachfragen</translation>
    </message>
    <message>
        <source>When I &amp;quit Upkeep</source>
        <translation>Beim Be&amp;enden von Upkeep</translation>
    </message>
    <message>
        <source>Every day &amp;at</source>
        <translation>Täglich &amp;um</translation>
    </message>
    <message>
        <source>&amp;Hold downloads on metered connections</source>
        <translation>Downloads bei ge&amp;takteten Verbindungen zurückhalten</translation>
    </message>
    <message>
        <source>Updates are &amp;found</source>
        <translation>Aktualisierungen &amp;gefunden werden</translation>
    </message>
    <message>
        <source>An update is i&amp;nstalled</source>
        <translation>eine Aktualisierung &amp;installiert ist</translation>
    </message>
    <message>
        <source>An update is &amp;rolled back</source>
        <translation>eine Aktualisierung &amp;zurückgesetzt wurde</translation>
    </message>
    <message>
        <source>An update &amp;fails</source>
        <translation>eine Aktualisierung &amp;fehlschlägt</translation>
    </message>
    <message>
        <source>&amp;Quiet hours from</source>
        <translation>&amp;Ruhezeit von</translation>
    </message>
    <message>
        <source>Send anonymous &amp;statistics</source>
        <translation>Anonyme &amp;Statistiken senden</translation>
    </message>
    <message>
        <source>Upkeep Settings</source>
        <translation>Upkeep-Einstellungen</translation>
    </message>
    <message>
        <source>Every hour</source>
        <translation>Stündlich</translation>
    </message>
    <message>
        <source>Every day</source>
        <translation>Täglich</translation>
    </message>
    <message>
        <source>Every week</source>
        <translation>Wöchentlich</translation>
    </message>
    <message>
        <source>Never (only when I ask)</source>
        <translation>Nie (nur auf Wunsch)</translation>
    </message>
    <message>
        <source>How often to check for updates</source>
        <translation>Wie oft nach Aktualisierungen gesucht wird</translation>
    </message>
    <message>
        <source>Checking</source>
        <translation>Suche</translation>
    </message>
    <message>
        <source>&amp;Check for updates:</source>
        <translation>Nach Aktualisierungen su&amp;chen:</translation>
    </message>
    <message>
        <source>Installing updates</source>
        <translation>Aktualisierungen installieren</translation>
    </message>
    <message>
        <source>Install when I choose</source>
        <translation>Installieren, wenn ich es wähle</translation>
    </message>
    <message>
        <source>Install when I quit Upkeep</source>
        <translation>Beim Beenden von Upkeep installieren</translation>
    </message>
    <message>
        <source>Install every day at a set time</source>
        <translation>Täglich zu einer festen Zeit installieren</translation>
    </message>
    <message>
        <source>Time to install updates</source>
        <translation>Uhrzeit für Installationen</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Netzwerk</translation>
    </message>
    <message>
        <source>Hold downloads on metered connections</source>
        <translation>Downloads bei getakteten Verbindungen zurückhalten</translation>
    </message>
    <message>
        <source> kB/s</source>
        <translation> kB/s</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>Unbegrenzt</translation>
    </message>
    <message>
        <source>Bandwidth limit in kilobytes per second</source>
        <translation>Bandbreitenbegrenzung in Kilobyte pro Sekunde</translation>
    </message>
    <message>
        <source>&amp;Bandwidth limit:</source>
        <translation>&amp;Bandbreite begrenzen:</translation>
    </message>
    <message>
        <source>Notify me when</source>
        <translation>Benachrichtigen, wenn</translation>
    </message>
    <message>
        <source>Notify: %1</source>
        <translation>Benachrichtigen: %1</translation>
    </message>
    <message>
        <source>Quiet hours</source>
        <translation>Ruhezeit</translation>
    </message>
    <message>
        <source>No notifications during these hours.</source>
        <translation>In dieser Zeit keine Benachrichtigungen.</translation>
    </message>
    <message>
        <source>Quiet hours start</source>
        <translation>Beginn der Ruhezeit</translation>
    </message>
    <message>
        <source>Quiet hours end</source>
        <translation>Ende der Ruhezeit</translation>
    </message>
    <message>
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation>Datenschutz</translation>
    </message>
    <message>
        <source>Send anonymous statistics</source>
        <translation>Anonyme Statistiken senden</translation>
    </message>
    <message>
        <source>Tells the publisher which version was installed and whether it worked, with a random id that is never linked to you.</source>
        <translation>Teilt dem Herausgeber mit, welche Version installiert wurde und ob sie funktioniert hat, mit einer zufälligen Kennung, die nie mit Ihnen verknüpft wird.</translation>
    </message>
    <message>
        <source>Save the settings and close</source>
        <translation>Einstellungen speichern und schließen</translation>
    </message>
    <message>
        <source>Save the settings</source>
        <translation>Einstellungen speichern</translation>
    </message>
    <message>
        <source>Close without saving</source>
        <translation>Ohne Speichern schließen</translation>
    </message>
    <message>
        <source>&amp;Download updates in the background</source>
        <translation>Aktualisierungen im &amp;Hintergrund herunterladen</translation>
    </message>
    <message>
        <source>Download updates in the background</source>
        <translation>Aktualisierungen im Hintergrund herunterladen</translation>
    </message>
    <message>
        <source>An update found is downloaded at once, so that installing it takes seconds.</source>
        <translation>Eine gefundene Aktualisierung wird sofort heruntergeladen, damit die Installation nur Sekunden dauert.</translation>
    </message>
    <message>
        <source>On a mobile hotspot or a metered plan, background downloads and scheduled updates wait for another connection.</source>
        <translation>Über einen mobilen Hotspot oder einen Volumentarif warten Downloads im Hintergrund und geplante Aktualisierungen auf eine andere Verbindung.</translation>
    </message>
    <message>
        <source>Start Upkeep in the tray when I &amp;log in</source>
        <translation>Upkeep bei der &amp;Anmeldung in der Kontrollleiste starten</translation>
    </message>
    <message>
        <source>Start Upkeep at login</source>
        <translation>Upkeep bei der Anmeldung starten</translation>
    </message>
    <message>
        <source>Upkeep waits in the tray and checks for updates while you work.</source>
        <translation>Upkeep wartet in der Kontrollleiste und sucht nach Aktualisierungen, während Sie arbeiten.</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in to %1&apos;s repository</source>
        <translation>Bei der Quelle von %1 anmelden</translation>
    </message>
    <message>
        <source>The server of %1 refused the password Upkeep has for %2. Type the password you were given.</source>
        <translation>Der Server von %1 hat das Passwort abgelehnt, das Upkeep für %2 hat. Geben Sie das Passwort ein, das Sie erhalten haben.</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>Benutzername:</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>Once the server accepts it, Upkeep keeps it in your desktop&apos;s password store, or where none answers, in a file only you can read.</source>
        <translation>Sobald der Server es annimmt, bewahrt Upkeep es im Passwortspeicher Ihrer Arbeitsumgebung auf, oder, wo keiner antwortet, in einer Datei, die nur Sie lesen können.</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>&amp;Anmelden</translation>
    </message>
</context>
<context>
    <name>SignedMetadata</name>
    <message>
        <source>%1 metadata has %2 valid signature(s) of the %3 its trusted keys require.</source>
        <translation>Die Metadaten %1 haben %2 gültige Signatur(en) von den %3, die ihre vertrauenswürdigen Schlüssel verlangen.</translation>
    </message>
</context>
<context>
    <name>SigningKey</name>
    <message>
        <source>OpenSSL failed: %1.</source>
        <translation>OpenSSL ist fehlgeschlagen: %1.</translation>
    </message>
    <message>
        <source>An ed25519 private key is 32 bytes; this one is %1.</source>
        <translation>Ein privater ed25519-Schlüssel hat 32 Bytes; dieser hat %1.</translation>
    </message>
    <message>
        <source>The key file is %1 bytes long; a key is never larger than %2 bytes.</source>
        <translation>Die Schlüsseldatei ist %1 Bytes lang; ein Schlüssel ist nie größer als %2 Bytes.</translation>
    </message>
    <message>
        <source>This is not a PEM private key.</source>
        <translation>Dies ist kein privater PEM-Schlüssel.</translation>
    </message>
    <message>
        <source>The private key is encrypted; its passphrase is needed.</source>
        <translation>Der private Schlüssel ist verschlüsselt; seine Passphrase wird benötigt.</translation>
    </message>
    <message>
        <source>The passphrase does not open this private key (or the key file is damaged).</source>
        <translation>Die Passphrase öffnet diesen privaten Schlüssel nicht (oder die Schlüsseldatei ist beschädigt).</translation>
    </message>
    <message>
        <source>The PEM private key cannot be read; the file is damaged or not a key.</source>
        <translation>Der private PEM-Schlüssel kann nicht gelesen werden; die Datei ist beschädigt oder kein Schlüssel.</translation>
    </message>
    <message>
        <source>Cannot read the key %1: %2.</source>
        <translation>Der Schlüssel %1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>Cannot write the key %1: %2.</source>
        <translation>Der Schlüssel %1 kann nicht geschrieben werden: %2.</translation>
    </message>
    <message>
        <source>The passphrase to encrypt the private key with is empty.</source>
        <translation>Die Passphrase, mit der der private Schlüssel verschlüsselt werden soll, ist leer.</translation>
    </message>
    <message>
        <source>This is a %1 key; Upkeep signs with ed25519 and ECDSA P-256 keys only.</source>
        <translation>Dies ist ein %1-Schlüssel; Upkeep signiert nur mit ed25519- und ECDSA-P-256-Schlüsseln.</translation>
    </message>
    <message>
        <source>The certificate %1 (serial %2) holds no ed25519 or ECDSA P-256 key.</source>
        <translation>Das Zertifikat %1 (Seriennummer %2) enthält keinen ed25519- oder ECDSA-P-256-Schlüssel.</translation>
    </message>
</context>
<context>
    <name>Stager</name>
    <message>
        <source>Cannot read %1: %2.</source>
        <translation>%1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>Cannot create %1.</source>
        <translation>%1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>The disk is full while writing %1.</source>
        <translation>Der Datenträger ist voll beim Schreiben von %1.</translation>
    </message>
    <message>
        <source>The update needs %1 MB of free space in %2; only %3 MB are free. Free some space and try again.</source>
        <translation>Die Aktualisierung braucht %1 MB freien Platz in %2; nur %3 MB sind frei. Schaffen Sie Platz und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Version %1 is already installed.</source>
        <translation>Version %1 ist bereits installiert.</translation>
    </message>
    <message>
        <source>Cannot create the symlink %1.</source>
        <translation>Der symbolische Link %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>%1 is empty, but its manifest gives the sha256 of other content.</source>
        <translation>%1 ist leer, aber sein Manifest nennt die sha256 eines anderen Inhalts.</translation>
    </message>
    <message>
        <source>Cannot move the staged version into %1.</source>
        <translation>Die vorbereitete Version kann nicht nach %1 verschoben werden.</translation>
    </message>
    <message>
        <source>Version %1 is not installed.</source>
        <translation>Version %1 ist nicht installiert.</translation>
    </message>
    <message>
        <source>Cannot switch %1 to version %2: %3.</source>
        <translation>%1 kann nicht auf Version %2 umgestellt werden: %3.</translation>
    </message>
    <message>
        <source>The bundle does not hold %1 as its manifest says (a folder on its way is not a folder).</source>
        <translation>Das Paket enthält %1 nicht so, wie sein Manifest es angibt (ein Ordner auf dem Weg dorthin ist kein Ordner).</translation>
    </message>
    <message>
        <source>Cannot read %1.</source>
        <translation>%1 kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>%1 does not match its manifest.</source>
        <translation>%1 stimmt nicht mit seinem Manifest überein.</translation>
    </message>
    <message>
        <source>Cannot put the repaired version in place of %1: %2.</source>
        <translation>Die reparierte Version kann nicht an die Stelle von %1 gesetzt werden: %2.</translation>
    </message>
    <message>
        <source>The content of %1 is not at hand.</source>
        <translation>Der Inhalt von %1 ist nicht verfügbar.</translation>
    </message>
</context>
<context>
    <name>TargetFileInfo</name>
    <message>
        <source>%1 is %2 bytes long where its signed length is %3.</source>
        <translation>%1 ist %2 Bytes lang, die signierte Länge ist %3.</translation>
    </message>
</context>
<context>
    <name>TargetsMetadata</name>
    <message>
        <source>role &quot;%1&quot; is delegated twice</source>
        <translation>die Rolle „%1“ ist doppelt delegiert</translation>
    </message>
</context>
<context>
    <name>TrayIcon</name>
    <message>
        <source>&amp;Check now</source>
        <translation>Jetzt &amp;suchen</translation>
    </message>
    <message>
        <source>&amp;Open Upkeep</source>
        <translation>Upkeep ö&amp;ffnen</translation>
    </message>
    <message>
        <source>&amp;Pause downloads</source>
        <translation>Downloads &amp;anhalten</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Upkeep tray menu</source>
        <translation>Upkeep-Menü in der Kontrollleiste</translation>
    </message>
    <message>
        <source>Upkeep: everything is up to date</source>
        <translation>Upkeep: Alles ist aktuell</translation>
    </message>
    <message>
        <source>Upkeep: updates are available</source>
        <translation>Upkeep: Aktualisierungen sind verfügbar</translation>
    </message>
    <message>
        <source>Upkeep: updating…</source>
        <translation>Upkeep: Aktualisierung läuft …</translation>
    </message>
    <message>
        <source>Upkeep: a problem needs your attention</source>
        <translation>Upkeep: Ein Problem erfordert Ihre Aufmerksamkeit</translation>
    </message>
    <message>
        <source>Upkeep: could not check for updates</source>
        <translation>Upkeep: Suche nach Aktualisierungen fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>TrustedSet</name>
    <message>
        <source>The %1 metadata expired on %2. The repository has not been re-signed in time, or a mirror is replaying old metadata (a freeze attack).</source>
        <translation>Die Metadaten %1 sind am %2 abgelaufen. Die Quelle wurde nicht rechtzeitig neu signiert, oder ein Spiegel spielt alte Metadaten ein (ein Freeze-Angriff).</translation>
    </message>
    <message>
        <source>%1 is version %2, older than version %3 already trusted: a mirror is stale or replaying old metadata (a rollback attack).</source>
        <translation>%1 ist Version %2, älter als die bereits vertraute Version %3: Ein Spiegel ist veraltet oder spielt alte Metadaten ein (ein Rollback-Angriff).</translation>
    </message>
    <message>
        <source>%1 is %2 bytes long where the signed metadata says %3.</source>
        <translation>%1 ist %2 Bytes lang, die signierten Metadaten sagen %3.</translation>
    </message>
    <message>
        <source>%1 is not signed by enough of the trusted root keys: %2</source>
        <translation>%1 ist nicht von genug vertrauenswürdigen Root-Schlüsseln signiert: %2</translation>
    </message>
    <message>
        <source>%1 is not signed by enough of its own root keys: %2</source>
        <translation>%1 ist nicht von genug eigenen Root-Schlüsseln signiert: %2</translation>
    </message>
    <message>
        <source>%1 holds root version %2; the chain of roots must go up one at a time.</source>
        <translation>%1 enthält die Root-Version %2; die Kette der Roots muss in Einerschritten steigen.</translation>
    </message>
    <message>
        <source>The snapshot cannot be checked before the timestamp.</source>
        <translation>Der Snapshot kann nicht vor dem Zeitstempel geprüft werden.</translation>
    </message>
    <message>
        <source>%1 is snapshot version %2 where timestamp.json names version %3: the repository&apos;s files do not belong together.</source>
        <translation>%1 ist Snapshot-Version %2, timestamp.json nennt Version %3: Die Dateien der Quelle gehören nicht zusammen.</translation>
    </message>
    <message>
        <source>%1 no longer lists %2, which the trusted snapshot lists: a rollback attack, or a broken repository.</source>
        <translation>%1 nennt %2 nicht mehr, das der vertraute Snapshot nennt: ein Rollback-Angriff oder eine kaputte Quelle.</translation>
    </message>
    <message>
        <source>The snapshot does not list the role &quot;%1&quot;.</source>
        <translation>Der Snapshot nennt die Rolle „%1“ nicht.</translation>
    </message>
    <message>
        <source>The role &quot;%1&quot; does not delegate to &quot;%2&quot;.</source>
        <translation>Die Rolle „%1“ delegiert nicht an „%2“.</translation>
    </message>
    <message>
        <source>%1 is version %2 where the snapshot names version %3: the repository&apos;s files do not belong together (mix-and-match).</source>
        <translation>%1 ist Version %2, der Snapshot nennt Version %3: Die Dateien der Quelle gehören nicht zusammen (Mix-and-Match).</translation>
    </message>
    <message>
        <source>No trusted role lists the target %1.</source>
        <translation>Keine vertrauenswürdige Rolle nennt das Ziel %1.</translation>
    </message>
    <message>
        <source>The trusted metadata has no root.</source>
        <translation>Die vertrauenswürdigen Metadaten haben keinen Root.</translation>
    </message>
    <message>
        <source>The repository&apos;s metadata has not been fetched yet.</source>
        <translation>Die Metadaten der Quelle wurden noch nicht abgerufen.</translation>
    </message>
    <message>
        <source>An unchanged timestamp needs a trusted one to compare with.</source>
        <translation>Ein unveränderter Zeitstempel braucht einen vertrauenswürdigen zum Vergleich.</translation>
    </message>
</context>
<context>
    <name>UpdatePane</name>
    <message>
        <source>Critical update</source>
        <translation>Kritische Aktualisierung</translation>
    </message>
    <message>
        <source>&amp;Update now</source>
        <translation>Jetzt &amp;aktualisieren</translation>
    </message>
    <message>
        <source>S&amp;kip this version</source>
        <translation>Diese Version ü&amp;berspringen</translation>
    </message>
    <message>
        <source>Check &amp;now</source>
        <translation>&amp;Jetzt suchen</translation>
    </message>
    <message>
        <source>What&apos;s new</source>
        <translation>Neuerungen</translation>
    </message>
    <message>
        <source>Application and update</source>
        <translation>Anwendung und Aktualisierung</translation>
    </message>
    <message>
        <source>The publisher marked this update as critical, usually for security. It cannot be skipped.</source>
        <translation>Der Herausgeber hat diese Aktualisierung als kritisch markiert, meist aus Sicherheitsgründen. Sie kann nicht übersprungen werden.</translation>
    </message>
    <message>
        <source>Download size</source>
        <translation>Downloadgröße</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>Versionen</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <source>Update now</source>
        <translation>Jetzt aktualisieren</translation>
    </message>
    <message>
        <source>&amp;Schedule…</source>
        <translation>&amp;Planen …</translation>
    </message>
    <message>
        <source>Schedule the update</source>
        <translation>Aktualisierung planen</translation>
    </message>
    <message>
        <source>At a time…</source>
        <translation>Zu einer Uhrzeit …</translation>
    </message>
    <message>
        <source>When I quit Upkeep</source>
        <translation>Beim Beenden von Upkeep</translation>
    </message>
    <message>
        <source>&amp;Remind me later</source>
        <translation>Später &amp;erinnern</translation>
    </message>
    <message>
        <source>Remind me later</source>
        <translation>Später erinnern</translation>
    </message>
    <message>
        <source>In an hour</source>
        <translation>In einer Stunde</translation>
    </message>
    <message>
        <source>Tomorrow</source>
        <translation>Morgen</translation>
    </message>
    <message>
        <source>Next week</source>
        <translation>Nächste Woche</translation>
    </message>
    <message>
        <source>Skip this version</source>
        <translation>Diese Version überspringen</translation>
    </message>
    <message>
        <source>Check for updates now</source>
        <translation>Jetzt nach Aktualisierungen suchen</translation>
    </message>
    <message>
        <source>Release notes</source>
        <translation>Versionshinweise</translation>
    </message>
    <message>
        <source>Full size %1</source>
        <translation>Volle Größe %1</translation>
    </message>
    <message>
        <source>%1 to download</source>
        <translation>%1 herunterzuladen</translation>
    </message>
    <message>
        <source>%1 instead of %2</source>
        <translation>%1 statt %2</translation>
    </message>
    <message>
        <source>No application is managed yet</source>
        <translation>Noch wird keine Anwendung verwaltet</translation>
    </message>
    <message>
        <source>Updating %1 to %2</source>
        <translation>%1 wird auf %2 aktualisiert</translation>
    </message>
    <message>
        <source>%1 %2 is available</source>
        <translation>%1 %2 ist verfügbar</translation>
    </message>
    <message>
        <source>%1 is up to date</source>
        <translation>%1 ist aktuell</translation>
    </message>
    <message>
        <source>Installed: %1 · Channel: %2</source>
        <translation>Installiert: %1 · Kanal: %2</translation>
    </message>
    <message>
        <source>nothing yet</source>
        <translation>noch nichts</translation>
    </message>
    <message>
        <source>Add an installation with &quot;upkeep add&quot;; it appears here.</source>
        <translation>Fügen Sie mit „upkeep add“ eine Installation hinzu; sie erscheint dann hier.</translation>
    </message>
    <message>
        <source>You will be reminded on %1.</source>
        <translation>Sie werden am %1 erinnert.</translation>
    </message>
    <message>
        <source>Scheduled to install on %1.</source>
        <translation>Installation geplant für %1.</translation>
    </message>
    <message>
        <source>Scheduled to install when you quit Upkeep.</source>
        <translation>Installation geplant für das Beenden von Upkeep.</translation>
    </message>
    <message>
        <source>Checking for updates…</source>
        <translation>Suche nach Aktualisierungen …</translation>
    </message>
    <message>
        <source>Going back to a kept version…</source>
        <translation>Rückkehr zu einer aufbewahrten Version …</translation>
    </message>
    <message>
        <source>This update fixes a serious problem. Install it soon.</source>
        <translation>Diese Aktualisierung behebt ein ernstes Problem. Installieren Sie sie bald.</translation>
    </message>
    <message>
        <source>Install at</source>
        <translation>Installieren um</translation>
    </message>
    <message>
        <source>Install &amp;at:</source>
        <translation>Installieren &amp;um:</translation>
    </message>
    <message>
        <source>Downloaded and ready to install.</source>
        <translation>Heruntergeladen und bereit zur Installation.</translation>
    </message>
    <message>
        <source>Downloading in the background: %1 of %2. Update now installs it as soon as it is here.</source>
        <translation>Wird im Hintergrund heruntergeladen: %1 von %2. „Jetzt aktualisieren“ installiert sie, sobald sie da ist.</translation>
    </message>
    <message>
        <source>Downloading in the background. Update now installs it as soon as it is here.</source>
        <translation>Wird im Hintergrund heruntergeladen. „Jetzt aktualisieren“ installiert sie, sobald sie da ist.</translation>
    </message>
    <message>
        <source>Tonight at %1</source>
        <translation>Heute Nacht um %1</translation>
    </message>
    <message>
        <source>At %1</source>
        <translation>Um %1</translation>
    </message>
    <message>
        <source>&amp;Details…</source>
        <translation>&amp;Details …</translation>
    </message>
    <message>
        <source>Publisher</source>
        <translation>Herausgeber</translation>
    </message>
    <message>
        <source>Details of the publisher&apos;s certificate</source>
        <translation>Details zum Zertifikat des Herausgebers</translation>
    </message>
    <message>
        <source>This repository does not say who publishes it.</source>
        <translation>Diese Quelle nennt ihren Herausgeber nicht.</translation>
    </message>
    <message>
        <source>Its updates are still checked against the repository&apos;s signing keys, but no certificate names the publisher.</source>
        <translation>Ihre Aktualisierungen werden weiterhin mit den Signaturschlüsseln der Quelle geprüft, aber kein Zertifikat nennt den Herausgeber.</translation>
    </message>
    <message>
        <source>Published by %1</source>
        <translation>Veröffentlicht von %1</translation>
    </message>
    <message>
        <source>%1 publishes this repository. Upkeep has not verified who signed this version.</source>
        <translation>%1 gibt diese Quelle heraus. Upkeep hat nicht geprüft, wer diese Version signiert hat.</translation>
    </message>
    <message>
        <source>Updates paused: Upkeep checks for updates of %1 but installs none until you resume them.</source>
        <translation>Aktualisierungen angehalten: Upkeep sucht nach Aktualisierungen für %1, installiert aber keine, bis Sie sie fortsetzen.</translation>
    </message>
    <message>
        <source>Resume upd&amp;ates</source>
        <translation>Aktualisierungen &amp;fortsetzen</translation>
    </message>
    <message>
        <source>Resume updates</source>
        <translation>Aktualisierungen fortsetzen</translation>
    </message>
    <message>
        <source>D&amp;etails…</source>
        <translation>D&amp;etails …</translation>
    </message>
    <message>
        <source>Checks for updates</source>
        <translation>Suche nach Aktualisierungen</translation>
    </message>
    <message>
        <source>Details of the failed check</source>
        <translation>Details der fehlgeschlagenen Suche</translation>
    </message>
    <message>
        <source>Kept versions</source>
        <translation>Aufbewahrte Versionen</translation>
    </message>
    <message>
        <source>Roll &amp;back…</source>
        <translation>&amp;Zurücksetzen …</translation>
    </message>
    <message>
        <source>Roll back to a kept version</source>
        <translation>Auf eine aufbewahrte Version zurücksetzen</translation>
    </message>
    <message>
        <source>Upkeep could not check %1 for updates</source>
        <translation>Upkeep konnte nicht nach Aktualisierungen für %1 suchen</translation>
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation>Erneut &amp;versuchen</translation>
    </message>
    <message>
        <source>Last successful check: %1.</source>
        <translation>Zuletzt erfolgreich gesucht: %1.</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>Last checked %1.</source>
        <translation>Zuletzt gesucht %1.</translation>
    </message>
    <message>
        <source>Not checked yet.</source>
        <translation>Noch nicht gesucht.</translation>
    </message>
    <message>
        <source>Upkeep checks only when you ask.</source>
        <translation>Upkeep sucht nur, wenn Sie es verlangen.</translation>
    </message>
    <message>
        <source>Next check shortly.</source>
        <translation>Die nächste Suche folgt in Kürze.</translation>
    </message>
    <message>
        <source>Next check %1.</source>
        <translation>Nächste Suche %1.</translation>
    </message>
    <message>
        <source>Kept on this computer: %1</source>
        <translation>Auf diesem Computer aufbewahrt: %1</translation>
    </message>
    <message>
        <source>Roll back to %1</source>
        <translation>Auf %1 zurücksetzen</translation>
    </message>
    <message>
        <source>About the installed version</source>
        <translation>Zur installierten Version</translation>
    </message>
    <message>
        <source>S&amp;ign in…</source>
        <translation>A&amp;nmelden …</translation>
    </message>
    <message>
        <source>Sign in to the private repository again</source>
        <translation>Erneut bei der privaten Quelle anmelden</translation>
    </message>
</context>
<context>
    <name>UpdateTransaction</name>
    <message>
        <source>The manifest of the installed version %1 is missing.</source>
        <translation>Das Manifest der installierten Version %1 fehlt.</translation>
    </message>
    <message>
        <source>Version %1 is already running.</source>
        <translation>Version %1 läuft bereits.</translation>
    </message>
    <message>
        <source>Version %1 is not kept here; the kept versions are %2.</source>
        <translation>Version %1 wird hier nicht aufbewahrt; die aufbewahrten Versionen sind %2.</translation>
    </message>
    <message>
        <source>Finished after an interruption.</source>
        <translation>Nach einer Unterbrechung abgeschlossen.</translation>
    </message>
    <message>
        <source>The installation of %1 was interrupted; nothing is installed yet.</source>
        <translation>Die Installation von %1 wurde unterbrochen; noch ist nichts installiert.</translation>
    </message>
    <message>
        <source>The update to %1 was interrupted; %2 runs as before.</source>
        <translation>Die Aktualisierung auf %1 wurde unterbrochen; %2 läuft wie zuvor.</translation>
    </message>
    <message>
        <source>Cannot remove the old version %1.</source>
        <translation>Die alte Version %1 kann nicht entfernt werden.</translation>
    </message>
    <message>
        <source>Version %1 is damaged and could not be repaired, so Upkeep does not switch to it: %2. %3</source>
        <translation>Version %1 ist beschädigt und konnte nicht repariert werden, daher wechselt Upkeep nicht zu ihr: %2. %3</translation>
    </message>
    <message>
        <source>Version %1 cannot be checked before going back to it: %2</source>
        <translation>Version %1 kann vor der Rückkehr zu ihr nicht geprüft werden: %2</translation>
    </message>
</context>
<context>
    <name>Version</name>
    <message>
        <source>&quot;%1&quot; is not a semantic version (such as 1.4.2 or 2.0.0-beta.1): %2.</source>
        <translation>„%1“ ist keine semantische Version (wie 1.4.2 oder 2.0.0-beta.1): %2.</translation>
    </message>
    <message>
        <source>the build metadata must be dot-separated letters, digits and hyphens</source>
        <translation>die Build-Metadaten müssen aus durch Punkte getrennten Buchstaben, Ziffern und Bindestrichen bestehen</translation>
    </message>
    <message>
        <source>the pre-release must be dot-separated letters, digits and hyphens</source>
        <translation>die Vorabversion muss aus durch Punkte getrennten Buchstaben, Ziffern und Bindestrichen bestehen</translation>
    </message>
    <message>
        <source>numbers must not have leading zeros</source>
        <translation>Zahlen dürfen keine führenden Nullen haben</translation>
    </message>
    <message>
        <source>it needs three numbers, MAJOR.MINOR.PATCH</source>
        <translation>sie braucht drei Zahlen, MAJOR.MINOR.PATCH</translation>
    </message>
    <message>
        <source>MAJOR, MINOR and PATCH must be numbers</source>
        <translation>MAJOR, MINOR und PATCH müssen Zahlen sein</translation>
    </message>
    <message>
        <source>a number is too large</source>
        <translation>eine Zahl ist zu groß</translation>
    </message>
</context>
<context>
    <name>VersionCheck</name>
    <message>
        <source>not inside its folder</source>
        <translation>nicht in seinem Ordner</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>fehlt</translation>
    </message>
    <message>
        <source>not a folder</source>
        <translation>kein Ordner</translation>
    </message>
    <message>
        <source>not a symlink</source>
        <translation>kein symbolischer Link</translation>
    </message>
    <message>
        <source>points elsewhere</source>
        <translation>zeigt woandershin</translation>
    </message>
    <message>
        <source>not a file</source>
        <translation>keine Datei</translation>
    </message>
    <message>
        <source>changed content</source>
        <translation>Inhalt verändert</translation>
    </message>
    <message>
        <source>mode %1, not %2</source>
        <translation>Modus %1 statt %2</translation>
    </message>
    <message>
        <source>not part of the release</source>
        <translation>gehört nicht zur Version</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n more</source>
        <translation>
            <numerusform>%1 und %n weitere</numerusform>
            <numerusform>%1 und %n weitere</numerusform>
        </translation>
    </message>
</context>
</TS>
