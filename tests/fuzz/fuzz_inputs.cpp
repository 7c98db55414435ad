// libFuzzer entry point of the input targets; SAGEDOCK_FUZZ_TARGET names the body in fuzzinputs.h
// (fuzzEngine, fuzzPull, fuzzDockerConfig, fuzzHistory).

#include "fuzzinputs.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    return sagedock::fuzz::SAGEDOCK_FUZZ_TARGET(data, size);
}
