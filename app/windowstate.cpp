#include "windowstate.h"

#include "mainwindow.h"
#include "json/jsonparser.h"
#include "json/jsonwriter.h"

using namespace Qt::StringLiterals;

WindowState WindowState::of(const MainWindow& window)
{
    return WindowState{window.saveGeometry(), window.currentFolder(), window.isVisible()};
}

void WindowState::restore(MainWindow& window) const
{
    window.restoreGeometry(geometry);
    if (!selected.isEmpty())
        window.selectApplication(selected);
}

QByteArray WindowState::toJson() const
{
    return prettyJson(JsonObject{
        {"geometry", QString::fromLatin1(geometry.toBase64())}, {"selected", selected}, {"visible", visible}});
}

std::optional<WindowState> WindowState::fromJson(const QByteArray& bytes)
{
    auto parsed = JsonParser().parse(bytes);
    if (!parsed || !parsed->isObject())
        return std::nullopt;
    const JsonObject& object = parsed->toObject();
    const auto field = [&](std::string_view name, JsonValue::Type type) -> const JsonValue* {
        const auto it = object.find(name);
        return it != object.end() && it->second.type() == type ? &it->second : nullptr;
    };
    const JsonValue* geometry = field("geometry", JsonValue::Type::String);
    const JsonValue* selected = field("selected", JsonValue::Type::String);
    const JsonValue* visible = field("visible", JsonValue::Type::Boolean);
    if (!geometry || !selected || !visible)
        return std::nullopt;
    return WindowState{
        QByteArray::fromBase64(geometry->toString().toLatin1()), selected->toString(), visible->toBool()};
}
