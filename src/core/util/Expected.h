#pragma once

#include <QString>

#include <tl/expected.hpp>

namespace marginwatch {

// The one result idiom of the code base (qBittorrent's nonstd::expected shape, from Debian's
// libexpected-dev): a value, or why there is none. The error is a plain-language, translated
// sentence unless a typed error (e.g. ApiFailure) serves the caller better.
template <typename T, typename E = QString>
using Expected = tl::expected<T, E>;

template <typename E>
tl::unexpected<std::decay_t<E>> failure(E&& error)
{
    return tl::unexpected<std::decay_t<E>>(std::forward<E>(error));
}

} // namespace marginwatch
