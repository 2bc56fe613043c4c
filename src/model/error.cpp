#include "healthplan/error.hpp"

HEALTHPLAN_BEGIN_NAMESPACE

namespace {
// "[id] where: message" — the id first so logs can be grepped by it.
std::string compose(const std::string& id, const std::string& message, const std::string& where) {
    std::string out = "[" + id + "] ";
    if (!where.empty()) out += where + ": ";
    return out + message;
}
}  // namespace

Error::Error(std::string id, std::string message, std::string where)
    : std::runtime_error(compose(id, message, where)),
      id_(std::move(id)),
      where_(std::move(where)),
      message_(std::move(message)) {}

HEALTHPLAN_END_NAMESPACE
