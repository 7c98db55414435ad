#pragma once
// Nothing SageDock writes may be world-writable, whatever umask the user's session has (umask 000
// is common in containers and some desktop setups). Files and folders are created with the usual
// 0666/0777 request through Qt, spdlog and ::open, so the one place to enforce it is the process
// umask: both programs call this first thing in main(); child processes (docker, browsers) inherit it.
// Usage: int main(...) { sagedock::util::forbidWorldWritable(); ... }

namespace sagedock::util {

// Adds "others may not write" to the process umask and keeps every other bit as the user set it.
// Returns the umask in effect afterwards.
unsigned forbidWorldWritable();

} // namespace sagedock::util
