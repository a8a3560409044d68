#pragma once

// Every header of the publishing library includes this: code that makes and signs repositories
// must not reach the desktop program, so a client file that includes one fails to build.
#ifndef UPKEEP_PUBLISHING
#error "This is publishing code: only upkeep-publish and the tests link upkeep-publishing."
#endif
