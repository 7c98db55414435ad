#include "output.h"

namespace sagedock::cli {

void printJson(Io& io, const nlohmann::json& value) {
    io.out << QString::fromStdString(value.dump(2)) << "\n";
    io.out.flush();
}

int printError(Io& io, const util::Error& error) {
    io.err << "sagedock-cli: " << error.toString() << "\n";
    io.err.flush();
    return ExitFailure;
}

std::string toStd(const QString& s) {
    return s.toStdString();
}

nlohmann::json orNull(const QString& s) {
    return s.isEmpty() ? nlohmann::json() : nlohmann::json(s.toStdString());
}

} // namespace sagedock::cli
