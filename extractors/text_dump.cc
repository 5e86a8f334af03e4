#include "extractors/text_dump.h"

#include <fstream>
#include <sstream>

namespace verdeelscan {
namespace {

// Counts bytes that are not part of a well-formed UTF-8 sequence.
size_t InvalidUtf8Bytes(std::string_view s) {
  size_t bad = 0;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = s[i];
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) {
      ++bad;
      ++i;
      continue;
    }
    bool ok = true;
    for (size_t k = 1; k < n; ++k) ok = ok && (static_cast<unsigned char>(s[i + k]) >> 6) == 2;
    if (!ok) {
      ++bad;
      ++i;
      continue;
    }
    i += n;
  }
  return bad;
}

}  // namespace

std::string RepairLigatures(std::string_view text) {
  static const std::pair<std::string_view, std::string_view> kLigatures[] = {
      {"Ɵ", "ti"}, {"Ʃ", "tt"},  {"Ō", "ft"},  {"ﬁ", "fi"}, {"ﬂ", "fl"},
      {"ﬀ", "ff"}, {"ﬃ", "ffi"}, {"ﬄ", "ffl"}, {"ﬅ", "ft"}, {"ﬆ", "st"}};
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    bool replaced = false;
    if (static_cast<unsigned char>(text[i]) >= 0x80) {
      for (const auto& [from, to] : kLigatures) {
        if (text.substr(i, from.size()) == from) {
          out += to;
          i += from.size();
          replaced = true;
          break;
        }
      }
    }
    if (!replaced) out += text[i++];
  }
  return out;
}

StatusOr<TextDocument> TextDocumentFromString(std::string_view text) {
  if (text.find('\0') != std::string_view::npos) {
    return Status::Corruption("binary data (NUL bytes) in a text file: not an OCR text dump");
  }
  if (text.size() > 64 && InvalidUtf8Bytes(text) * 20 > text.size()) {
    return Status::Corruption("more than 5% of the bytes are not valid UTF-8: not a text dump");
  }
  TextDocument doc;
  doc.media = "text";
  doc.pages = 1;
  std::istringstream in{std::string(text)};
  std::string line;
  int line_no = 0, page = 1;
  bool any_text = false;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    size_t ff;
    while ((ff = line.find('\f')) != std::string::npos) {
      line.erase(ff, 1);
      ++page;
    }
    TextLine tl;
    tl.text = RepairLigatures(line);
    tl.page = page;
    tl.line_no = line_no;
    if (tl.text.find_first_not_of(" \t") != std::string::npos) any_text = true;
    doc.lines.push_back(std::move(tl));
  }
  doc.pages = page;
  if (!any_text) return Status::NotFound("the text file is empty (no visible characters)");
  return doc;
}

StatusOr<TextDocument> LoadTextDump(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError("cannot open '" + path + "' for reading");
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Status::IOError("read error on '" + path + "'");
  return TextDocumentFromString(ss.str());
}

}  // namespace verdeelscan
