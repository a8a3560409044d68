// Must not compile: the client library's code cannot include a publishing header. Built by the
// test core/publish/clientcannotinclude, which passes when the build stops with the guard's message.
#include "publish/keystore.h"

int main()
{
    return 0;
}
