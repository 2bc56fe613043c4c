#include "extract/document.hpp"
namespace healthplan::extract_detail {
void extract_targets(const Document&, Plan&) {}
}
