#include "extractors/ingest/text_dump.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "core/utf8.h"

namespace verdeelscan {

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

StatusOr<TextDump> ReadTextDump(std::string_view bytes) {
  const TextEncoding encoding = SniffTextEncoding(bytes);
  const std::string decoded =
      encoding == TextEncoding::kUtf8 ? std::string() : DecodeToUtf8(bytes, encoding);
  const std::string_view text = encoding == TextEncoding::kUtf8 ? bytes : decoded;
  if (const size_t nul = text.find('\0'); nul != std::string_view::npos) {
    const long line = 1 + std::count(text.begin(), text.begin() + nul, '\n');
    return Status::Corruption("binary data (a NUL byte at line " + std::to_string(line) +
                              ") in a text file: not an OCR text dump");
  }
  if (text.size() > 64) {
    const size_t invalid = InvalidUtf8Bytes(text);
    if (invalid * 20 > text.size()) {
      return Status::Corruption(std::to_string(invalid) + " of " + std::to_string(text.size()) +
                                " bytes are not valid UTF-8 (more than 5%): not a text dump");
    }
  }
  TextDump dump;
  dump.encoding = encoding;
  TextDocument& doc = dump.doc;
  doc.media = "text";
  int line_no = 0, page = 1;
  bool any_text = false;
  // Lines end at '\n' (a last line without one still counts), as getline.
  for (size_t begin = 0; begin < text.size();) {
    size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    std::string_view raw = text.substr(begin, end - begin);
    begin = end + 1;
    ++line_no;
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    std::string line;
    if (IsValidUtf8(raw)) {
      line = std::string(raw);
    } else {
      Utf8Repair repaired = RepairUtf8(raw);
      line = std::move(repaired.text);
      dump.repaired_lines.push_back(line_no);
      dump.replaced_sequences += repaired.replaced;
    }
    const size_t feeds = std::count(line.begin(), line.end(), '\f');
    if (feeds > 0) {
      line.erase(std::remove(line.begin(), line.end(), '\f'), line.end());
      page += static_cast<int>(feeds);
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
  return dump;
}

StatusOr<TextDocument> TextDocumentFromString(std::string_view text) {
  StatusOr<TextDump> dump = ReadTextDump(text);
  if (!dump.ok()) return dump.status();
  return std::move(dump->doc);
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
