#include "pipeline/content_description.h"

#include <magic.h>

#include <memory>

namespace verdeelscan {

std::string DescribeContent(const std::string& path) {
  // MAGIC_ERROR: report read errors instead of describing them as content.
  std::unique_ptr<magic_set, decltype(&magic_close)> cookie(magic_open(MAGIC_ERROR), &magic_close);
  if (!cookie || magic_load(cookie.get(), nullptr) != 0) return "";
  const char* described = magic_file(cookie.get(), path.c_str());
  if (described == nullptr) return "";
  // The kind comes first; what follows the first comma are details (a gzip
  // member's original name and date) that only lengthen the message.
  std::string kind(described);
  return kind.substr(0, kind.find(','));
}

}  // namespace verdeelscan
