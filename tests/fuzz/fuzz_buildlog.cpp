// libFuzzer entry point; SAGEDOCK_FUZZ_FORMAT selects the parser (0 auto, 1 plain, 2 rawjson, 3 legacy).

#include "fuzzparser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    return sagedock::fuzz::fuzzOne(sagedock::buildlog::LogFormat(SAGEDOCK_FUZZ_FORMAT), data, size);
}
