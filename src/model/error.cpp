#include "healthplan/error.hpp"

#include "healthplan/text.hpp"

HEALTHPLAN_BEGIN_NAMESPACE

namespace {
// "[id] where: message" — the id first so logs can be grepped by it.
std::string compose(const std::string& id, const std::string& message, const std::string& where) {
    std::string out = "[" + id + "] ";
    if (!where.empty()) out += where + ": ";
    return out + message;
}

std::string printable(std::string s) {
    // The common case (clean text) costs one scan and no copy.
    return needs_escape(s) ? escape_for_display(s) : s;
}
}  // namespace

Error::Error(std::string id, std::string message, std::string where)
    : Error(Data{printable(std::move(id)), printable(std::move(where)), printable(std::move(message))}) {}

Error::Error(Data data)
    : std::runtime_error(compose(data.id, data.message, data.where)),
      data_(std::make_shared<const Data>(std::move(data))) {}

HEALTHPLAN_END_NAMESPACE
