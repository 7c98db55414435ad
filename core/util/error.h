#pragma once
// Errors travel as data: a code to branch on, one plain sentence, and a hint that says what to do.
// Usage:
//   util::Error e = util::Error::make(util::ErrorCode::NotFound, tr("No such image"), tr("Pull it first"));
//   if (e) std::cerr << e.toString();

#include <QMetaType>
#include <QString>

#include <optional>
#include <utility>

namespace sagedock::util {

enum class ErrorCode {
    None = 0,
    Cancelled,
    InvalidArgument,
    Network,      // connection refused, DNS, reset
    Timeout,      // connect or low-speed timeout, readiness timeout
    Tls,          // certificate problems
    HttpStatus,   // an HTTP status the caller did not expect
    TooLarge,     // response over the size cap
    Protocol,     // malformed or unexpected answer
    NotFound,     // repository, manifest, image, container
    Unauthorized, // login needed
    Denied,       // logged in but no access
    RateLimited,  // 429
    EngineUnavailable,
    PermissionDenied,
    Conflict, // name in use, port allocated
    Io,
    Process,
    Parse,
    Internal,
};

QString errorCodeName(ErrorCode code);

struct Error {
    ErrorCode code = ErrorCode::None;
    QString message; // one sentence, for people
    QString hint;    // what to do about it; may be empty

    static Error make(ErrorCode code, QString message, QString hint = {}) {
        return Error{code, std::move(message), std::move(hint)};
    }
    bool isError() const { return code != ErrorCode::None; }
    explicit operator bool() const { return isError(); }
    // "message (hint)" on one line, as the CLI prints it.
    QString toString() const;
};

// A value or an error. Small on purpose: std::expected needs C++23.
template <typename T> class Result {
public:
    Result(T value)
        : m_value(std::move(value)) {}
    Result(Error error)
        : m_error(std::move(error)) {}
    bool ok() const { return m_value.has_value(); }
    const T& value() const& { return *m_value; }
    T& value() & { return *m_value; }
    T&& value() && { return std::move(*m_value); }
    const T* operator->() const { return &*m_value; }
    const Error& error() const { return m_error; }

private:
    std::optional<T> m_value;
    Error m_error;
};

} // namespace sagedock::util

Q_DECLARE_METATYPE(sagedock::util::Error)
