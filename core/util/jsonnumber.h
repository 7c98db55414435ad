#pragma once
// Numbers from JSON that someone else wrote (an engine, a pull stream, a history file): get<qint64>()
// of 1e300 or get<int>() of 3e9 is undefined behaviour, so every such number is read through here,
// clamped to the range the caller can use. Header-only: callers link nlohmann_json themselves.
// Usage: const qint64 size = util::jsonInteger(j["Size"], 0, util::kMaxJsonBytes).value_or(0);

#include <QtGlobal>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>

namespace sagedock::util {

// Larger than any real image, layer or file (1 PiB); a thousand of them still fit a qint64.
constexpr qint64 kMaxJsonBytes = qint64(1) << 50;

// A JSON number as an integer clamped to [lo, hi] (lo <= 0 <= hi); nullopt for anything else or NaN.
inline std::optional<qint64> jsonInteger(const nlohmann::json& v,
                                         qint64 lo = std::numeric_limits<qint64>::min(),
                                         qint64 hi = std::numeric_limits<qint64>::max()) {
    if (v.is_number_unsigned()) {
        const std::uint64_t u = v.get<std::uint64_t>();
        return u > std::uint64_t(hi) ? hi : std::max(lo, qint64(u));
    }
    if (v.is_number_integer())
        return std::clamp<qint64>(v.get<std::int64_t>(), lo, hi);
    if (v.is_number_float()) {
        const double d = v.get<double>();
        if (std::isnan(d))
            return std::nullopt;
        if (d <= double(lo))
            return lo;
        if (d >= double(hi))
            return hi;
        return qint64(d);
    }
    return std::nullopt;
}

} // namespace sagedock::util
