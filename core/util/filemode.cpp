#include "util/filemode.h"

#include <sys/stat.h>

namespace sagedock::util {

unsigned forbidWorldWritable() {
    // umask() can only be read by setting it: set, then put back with S_IWOTH added.
    const mode_t previous = ::umask(0);
    const mode_t tightened = previous | S_IWOTH;
    ::umask(tightened);
    return unsigned(tightened);
}

} // namespace sagedock::util
