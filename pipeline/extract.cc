#include "pipeline/extract.h"

#include <re2/re2.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "extractors/table_dump.h"
#include "extractors/text_dump.h"
#include "extractors/toelichting.h"
#include "pipeline/sha256.h"
#include "pipeline/verdeelbesluit.h"

namespace verdeelscan {
namespace {

Record FailedRecord(SourceInfo source, const Status& status) {
  Record r;
  r.source = std::move(source);
  r.status = RecordStatus::kFailed;
  r.error = status.ToString();
  return r;
}

// A document inside a file: lines [first, last] of its TextDocument.
struct Span {
  int first = 0, last = 0;
  std::string kind;
};

bool LineMatches(const TextDocument& doc, int i, const RE2& re) {
  return RE2::PartialMatch(doc.lines[i].text, re);
}

// Where verdeelbesluiten start and end. A besluit opens with "Besluit van de
// Minister van Asiel en Migratie" (often preceded by the ministry's letterhead)
// and runs through its toelichting until the next document: the minister's
// cover letter ("Aanbieding verdeelbesluit ..."), the Woo grounds page, or
// the next besluit.
std::vector<Span> FindBesluiten(const TextDocument& doc) {
  static const RE2 kStart(R"((?i)besluit\s+van\s+de\s+minister)");
  static const RE2 kLetterhead(R"((?i)^\s*ministerie\s+van\s+asiel)");
  static const RE2 kNext(R"((?i)aanbieding\s+verdeelbesluit|toelichting\s+grondslagen)");
  const int n = static_cast<int>(doc.lines.size());
  std::vector<Span> out;
  for (int i = 0; i < n; ++i) {
    if (!LineMatches(doc, i, kStart)) continue;
    int first = i;
    for (int k = i - 1; k >= std::max(0, i - 6); --k)
      if (LineMatches(doc, k, kLetterhead)) first = k;
    int last = n - 1;
    for (int j = i + 1; j < n; ++j) {
      if (LineMatches(doc, j, kNext) || LineMatches(doc, j, kStart)) {
        last = j - 1;
        break;
      }
    }
    if (!out.empty() && out.back().last >= first) out.back().last = first - 1;
    out.push_back({first, last, "verdeelbesluit"});
    i = last;
  }
  return out;
}

Record VerdeelbesluitRecord(const TextDocument& doc, const Span& span, SourceInfo source) {
  Record r;
  source.first_line = doc.lines[span.first].line_no;
  source.last_line = doc.lines[span.last].line_no;
  r.source = std::move(source);
  BesluitProse prose = ReadBesluitProse(doc, span.first, span.last);
  StatusOr<RawTable> table =
      ReadDumpTable(doc, span.first, span.last, prose.province, StatedTargets(prose));
  BuildVerdeelbesluit(prose, table, r);
  return r;
}

std::vector<Record> FromTextDocument(const TextDocument& doc, const SourceInfo& source) {
  std::vector<Record> out;
  for (const Span& s : FindBesluiten(doc)) out.push_back(VerdeelbesluitRecord(doc, s, source));
  if (out.empty()) {
    // No besluit heading: a bare table still counts as a verdeelbesluit.
    Span whole{0, static_cast<int>(doc.lines.size()) - 1, "verdeelbesluit"};
    Record r = VerdeelbesluitRecord(doc, whole, source);
    if (r.allocations.empty()) {
      r = Record{};
      r.source = source;
      r.kind = "unknown";
      r.status = RecordStatus::kValid;
      r.extra["evidence"] = nlohmann::json::array();
    }
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<Record> FromBytes(const std::string& bytes, SourceInfo source) {
  source.sha256 = Sha256Hex(bytes);
  if (bytes.empty()) return {FailedRecord(source, Status::NotFound("empty file (0 bytes)"))};
  if (bytes.rfind("%PDF", 0) == 0 || bytes.rfind("\x89PNG", 0) == 0 ||
      bytes.rfind("\xff\xd8\xff", 0) == 0 || bytes.rfind("II*", 0) == 0 ||
      bytes.rfind("MM\0*", 0) == 0) {
    return {FailedRecord(source, Status::Unsupported("PDF and image input are not built into "
                                                     "this version; only text dumps"))};
  }
  source.media = "text";
  StatusOr<TextDocument> doc = TextDocumentFromString(bytes);
  if (!doc.ok()) return {FailedRecord(source, doc.status())};
  source.pages = doc->pages;
  return FromTextDocument(*doc, source);
}

}  // namespace

std::vector<Record> ExtractFile(const std::string& path, const ExtractOptions& options) {
  SourceInfo source;
  source.file = path;
  struct stat st;
  if (stat(path.c_str(), &st) != 0) {
    const int err = errno;
    Status s = err == ENOENT  ? Status::NotFound("no such file")
               : err == ELOOP ? Status::IOError("symbolic link loop")
                              : Status::IOError(std::strerror(err));
    return {FailedRecord(source, s)};
  }
  if (S_ISDIR(st.st_mode)) return {FailedRecord(source, Status::InvalidArgument("is a directory"))};
  if (!S_ISREG(st.st_mode)) {
    return {FailedRecord(source, Status::InvalidArgument("not a regular file"))};
  }
  if (st.st_size > options.max_file_bytes) {
    return {
        FailedRecord(source, Status::ResourceExhausted("file of " + std::to_string(st.st_size) +
                                                       " bytes exceeds the limit of " +
                                                       std::to_string(options.max_file_bytes)))};
  }
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return {
        FailedRecord(source, Status::IOError("cannot open: " + std::string(std::strerror(errno))))};
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) return {FailedRecord(source, Status::IOError("read error"))};
  return FromBytes(buf.str(), source);
}

std::vector<Record> ExtractText(const std::string& text, const std::string& display_name) {
  SourceInfo source;
  source.file = display_name;
  return FromBytes(text, source);
}

}  // namespace verdeelscan
