#include "pipeline/review_page.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "core/markup.h"
#include "core/record.h"
#include "extractors/ingest/page_image.h"
#include "pipeline/sha256.h"
#include "validators/name_matcher.h"
#include "validators/reference.h"

namespace verdeelscan {

// The page's script and style (review_page.js, review_page.css), compiled in
// by CMake (review_page_assets.cc.in).
extern const char* const kReviewPageScript;
extern const char* const kReviewPageStyle;

namespace {

using nlohmann::json;

const char* const kFields[] = {"regulier", "amv", "totaal"};

// Defensive access, as in exports.cc: a stored record may lack any field.
const json& At(const json& j, const char* key) {
  static const json kNull;
  if (!j.is_object()) return kNull;
  auto it = j.find(key);
  return it == j.end() ? kNull : *it;
}
std::string Text(const json& j, const char* key) {
  const json& v = At(j, key);
  return v.is_string() ? v.get<std::string>() : "";
}
const json& List(const json& j, const char* key) {
  static const json kEmpty = json::array();
  const json& v = At(j, key);
  return v.is_array() ? v : kEmpty;
}
int Int(const json& j, const char* key, int fallback) {
  const json& v = At(j, key);
  return v.is_number_integer() ? v.get<int>() : fallback;
}
bool Contains(const json& list, const std::string& s) {
  if (!list.is_array()) return false;
  return std::any_of(list.begin(), list.end(), [&](const json& v) { return v == s; });
}
std::optional<BBox> BoxOf(const json& v) {
  if (!v.is_array() || v.size() != 4) return std::nullopt;
  for (const json& n : v)
    if (!n.is_number()) return std::nullopt;
  BBox b{v[0].get<int>(), v[1].get<int>(), v[2].get<int>(), v[3].get<int>()};
  if (b.empty()) return std::nullopt;
  return b;
}

// ------------------------------------------------------------ the view model

// What the page needs of one picture: which file, page and box, and where in
// the view model its data: URI goes.
struct PictureRequest {
  std::string file, sha256;
  int page = 1, dpi = 0, degrees = 0;
  std::optional<BBox> box;  // none: a thumbnail of the whole page
  json::json_pointer slot;  // the object that gets "img" (or "img_error")
};

int DegreesOf(const json& source, int page) {
  for (const json& r : List(source, "rotations"))
    if (Int(r, "page", 0) == page) return Int(r, "degrees", 0);
  return 0;
}

bool Paged(const json& source) {
  const std::string media = Text(source, "media");
  return media == "pdf-scanned" || media == "pdf-text" || media == "image";
}

// The reference municipalities closest to a name that did not match.
json NameCandidates(const std::string& raw, const std::string& province) {
  std::vector<std::pair<int, const Municipality*>> scored;
  const std::string folded = FoldName(raw);
  const Reference& ref = Reference::Default();
  std::vector<const Municipality*> pool = ref.InProvince(province);
  if (pool.empty())
    for (const Municipality& m : ref.municipalities()) pool.push_back(&m);
  for (const Municipality* m : pool) scored.push_back({OcrEditCost(folded, FoldName(m->name)), m});
  std::sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : a.second->name < b.second->name;
  });
  json out = json::array();
  for (size_t i = 0; i < scored.size() && i < 5; ++i)
    out.push_back({{"code", scored[i].second->cbs_code},
                   {"name", scored[i].second->name},
                   {"cost", scored[i].first}});
  return out;
}

class ViewBuilder {
 public:
  explicit ViewBuilder(const ReviewPageOptions& options) : options_(options) {}
  json Build(const std::vector<json>& records);
  std::vector<PictureRequest>& pictures() { return pictures_; }
  // Text inputs: the cells' source lines, filled once the view is built.
  void FillSourceLines(json& view);

 private:
  void AddSummary(const json& rec);
  void AddTable(const json& rec);
  json Row(const json& rec, const json& a, size_t i, const std::string& table_ptr);
  json Cell(const json& rec, const json& a, const std::string& field, const std::string& ptr);
  json Sums(const json& rec);
  void AddMissing(const json& rec);
  void AddFindings(const json& rec);
  void RequestPicture(const json& rec, int page, std::optional<BBox> box, const std::string& ptr);

  const ReviewPageOptions& options_;
  json view_ = json::object();
  std::set<std::string> files_;
  std::map<std::pair<std::string, std::string>, int> documents_;  // (kind, status) -> count
  std::map<std::string, int> tables_;                             // status -> count
  std::vector<PictureRequest> pictures_;
  struct LineRequest {
    std::string file, sha256;
    int line = 0;
    json::json_pointer slot;
  };
  std::vector<LineRequest> lines_;
};

json ViewBuilder::Build(const std::vector<json>& records) {
  view_ = {{"title", options_.title},
           {"tables", json::array()},
           {"missing", json::array()},
           {"findings", json::array()}};
  for (const json& rec : records) {
    if (!rec.is_object()) continue;
    AddSummary(rec);
    AddTable(rec);
    AddMissing(rec);
    AddFindings(rec);
  }
  json documents = json::array();
  for (const auto& [ks, n] : documents_)
    documents.push_back({{"kind", ks.first}, {"status", ks.second}, {"count", n}});
  view_["summary"] = {{"files", files_.size()},
                      {"documents", documents},
                      {"tables", tables_},
                      {"findings", view_["findings"].size()}};
  json gemeenten = json::array();
  for (const Municipality& m : Reference::Default().municipalities())
    gemeenten.push_back({m.cbs_code, m.name, m.province});
  view_["gemeenten"] = gemeenten;
  return std::move(view_);
}

void ViewBuilder::AddSummary(const json& rec) {
  files_.insert(Text(At(rec, "source"), "file"));
  const std::string kind = Text(rec, "kind"), status = Text(rec, "status");
  ++documents_[{kind, status}];
  if (kind == "verdeelbesluit" && !List(rec, "allocations").empty()) ++tables_[status];
}

// A table the reviewer must see: repaired, needing review, or carrying
// corrections or doubt in any other state (a reviewed table).
bool NeedsATableView(const json& rec) {
  if (Text(rec, "kind") != "verdeelbesluit" || List(rec, "allocations").empty()) return false;
  const std::string status = Text(rec, "status");
  if (status == "repaired" || status == "needs_review") return true;
  for (const json& a : List(rec, "allocations"))
    if (!List(a, "corrections").empty() || !List(a, "doubtful").empty()) return true;
  return false;
}

void ViewBuilder::AddTable(const json& rec) {
  if (!NeedsATableView(rec)) return;
  const json& source = At(rec, "source");
  const std::string ptr = "/tables/" + std::to_string(view_["tables"].size());
  json checks = json::array();
  for (const json& c : List(rec, "checks"))
    if (Text(c, "status") != "pass") checks.push_back(c);
  const json& solver = At(At(rec, "table"), "solver");
  json table = {{"key", RecordKey(rec)},
                {"file", Text(source, "file")},
                {"media", Text(source, "media")},
                {"province", Text(At(rec, "meta"), "province")},
                {"date", Text(At(rec, "meta"), "date")},
                {"status", Text(rec, "status")},
                {"outcome", Text(solver, "outcome")},
                {"checks", checks},
                {"sums", Sums(rec)},
                {"rows", json::array()}};
  view_["tables"].push_back(table);
  const json& allocations = List(rec, "allocations");
  for (size_t i = 0; i < allocations.size(); ++i)
    view_["tables"].back()["rows"].push_back(Row(rec, allocations[i], i, ptr));
}

json ViewBuilder::Row(const json& rec, const json& a, size_t i, const std::string& table_ptr) {
  json row = {{"row", i},
              {"gemeente", Text(a, "gemeente")},
              {"cbs_code", Text(a, "cbs_code")},
              {"raw_gemeente", Text(At(a, "raw"), "gemeente")},
              {"page", Int(a, "page", 1)},
              {"values", json::object()},
              {"cells", json::object()}};
  for (const char* f : kFields) row["values"][f] = At(a, f);
  const std::string ptr = table_ptr + "/rows/" + std::to_string(i) + "/cells/";
  for (const char* f : {"gemeente", "regulier", "amv", "totaal"}) {
    bool shown = Contains(At(a, "doubtful"), f);
    for (const json& c : List(a, "corrections")) shown = shown || Text(c, "field") == f;
    if (shown) row["cells"][f] = Cell(rec, a, f, ptr + f);
  }
  if (Contains(At(a, "doubtful"), "gemeente") || Text(a, "cbs_code").empty())
    row["candidates"] =
        NameCandidates(Text(At(a, "raw"), "gemeente"), Text(At(rec, "meta"), "province"));
  return row;
}

// Where an unread cell of `a` lies: the row's height (its other cells'
// boxes) and the column's width (the same field's boxes in the other rows of
// the page); the whole row when no cell of the column was read; none when
// the row has no box.
std::optional<BBox> EstimatedBox(const json& rec, const json& a, const std::string& field) {
  std::optional<BBox> row, column;
  const auto widen = [](std::optional<BBox>& into, const BBox& b) {
    if (!into) into = b;
    into->x0 = std::min(into->x0, b.x0), into->y0 = std::min(into->y0, b.y0);
    into->x1 = std::max(into->x1, b.x1), into->y1 = std::max(into->y1, b.y1);
  };
  const json& boxes = At(a, "bbox");
  if (boxes.is_object())
    for (const auto& [f, b] : boxes.items())
      if (std::optional<BBox> box = BoxOf(b)) widen(row, *box);
  for (const json& other : List(rec, "allocations")) {
    if (Int(other, "page", 1) != Int(a, "page", 1)) continue;
    if (std::optional<BBox> box = BoxOf(At(At(other, "bbox"), field.c_str()))) widen(column, *box);
  }
  if (!row) return std::nullopt;
  if (!column) return row;  // no cell of the column was read: the whole row
  return BBox{column->x0, row->y0, column->x1, row->y1};
}

json ViewBuilder::Cell(const json& rec, const json& a, const std::string& field,
                       const std::string& ptr) {
  json cell = {{"raw", Text(At(a, "raw"), field.c_str())},
               {"doubtful", Contains(At(a, "doubtful"), field)},
               {"corrections", json::array()},
               {"alternatives", At(At(a, "alternatives"), field.c_str())}};
  if (cell["alternatives"].is_null()) cell["alternatives"] = json::array();
  for (const json& c : List(a, "corrections")) {
    if (Text(c, "field") != field) continue;
    cell["corrections"].push_back(c);
    if (Text(c, "reason") == "reviewer")
      cell["decided"] = {{"reviewer", Text(c, "reviewer")}, {"decided_at", Text(c, "decided_at")}};
  }
  const json& source = At(rec, "source");
  const int page = Int(a, "page", 1);
  if (std::optional<BBox> box = BoxOf(At(At(a, "bbox"), field.c_str())); box && Paged(source)) {
    cell["box"] = At(At(a, "bbox"), field.c_str());
    RequestPicture(rec, page, box, ptr);
  } else if (const int line = Int(At(a, "line"), field.c_str(), 0); line > 0 && !Paged(source)) {
    cell["line"] = line;
    lines_.push_back({Text(source, "file"), Text(source, "sha256"), line, json::json_pointer(ptr)});
  } else if (std::optional<BBox> where = EstimatedBox(rec, a, field); where && Paged(source)) {
    // Nothing was read here (an empty or unreadable cell): show where it
    // would be, so the reviewer still sees the pixels.
    cell["box"] = {where->x0, where->y0, where->x1, where->y1};
    cell["box_estimated"] = true;
    RequestPicture(rec, page, where, ptr);
  } else {
    cell["img_error"] = "nothing was read in this cell (no box in the record)";
  }
  return cell;
}

void ViewBuilder::RequestPicture(const json& rec, int page, std::optional<BBox> box,
                                 const std::string& ptr) {
  const json& source = At(rec, "source");
  pictures_.push_back({Text(source, "file"), Text(source, "sha256"), page, Int(source, "dpi", 0),
                       DegreesOf(source, page), box, json::json_pointer(ptr)});
}

// Per column: the sum of the allocations and every check that states a
// target for it (column_sum.*, totaal_row.*), failing ones marked.
json ViewBuilder::Sums(const json& rec) {
  json sums = json::object();
  for (const char* f : kFields) {
    long total = 0;
    for (const json& a : List(rec, "allocations"))
      if (At(a, f).is_number_integer()) total += At(a, f).get<long>();
    json targets = json::array();
    for (const json& c : List(rec, "checks")) {
      const std::string id = Text(c, "id");
      if (id == std::string("column_sum.") + f || id == std::string("totaal_row.") + f)
        targets.push_back(
            {{"id", id}, {"status", Text(c, "status")}, {"expected", At(c, "expected")}});
    }
    sums[f] = {{"actual", total}, {"targets", targets}};
  }
  return sums;
}

// Tables looked for and not found, unreadable pages, unreadable files.
void ViewBuilder::AddMissing(const json& rec) {
  const json& source = At(rec, "source");
  const auto add = [&](const std::string& why, int page) {
    const std::string ptr = "/missing/" + std::to_string(view_["missing"].size());
    view_["missing"].push_back({{"file", Text(source, "file")},
                                {"key", RecordKey(rec)},
                                {"kind", Text(rec, "kind")},
                                {"why", why},
                                {"page", page}});
    if (Paged(source) && page > 0) RequestPicture(rec, page, std::nullopt, ptr);
  };
  const json& range = At(source, "page_range");
  const int first =
      range.is_array() && !range.empty() && range[0].is_number_integer() ? range[0].get<int>() : 1;
  if (Text(rec, "status") == "failed") {
    add("unreadable file: " + Text(rec, "error"), 0);
    return;
  }
  for (const json& c : List(rec, "checks")) {
    const std::string id = Text(c, "id");
    if (Text(c, "status") != "fail") continue;
    if (id == "table.found") add("table not found: " + Text(c, "detail"), first);
    if (id != "page_quality") continue;
    // "OCR could not read page 3: ...; page 5: ...": one thumbnail a page.
    const std::string detail = Text(c, "detail");
    bool any = false;
    for (size_t at = detail.find("page "); at != std::string::npos;
         at = detail.find("page ", at + 5)) {
      const int page = std::atoi(detail.c_str() + at + 5);
      if (page <= 0) continue;
      add("unreadable page " + std::to_string(page) + ": " + detail, page);
      any = true;
    }
    if (!any) add("unreadable page: " + detail, first);
  }
}

void ViewBuilder::AddFindings(const json& rec) {
  for (const json& c : List(rec, "checks")) {
    if (Text(c, "status") != "finding") continue;
    view_["findings"].push_back({{"file", Text(At(rec, "source"), "file")},
                                 {"kind", Text(rec, "kind")},
                                 {"province", Text(At(rec, "meta"), "province")},
                                 {"id", Text(c, "id")},
                                 {"detail", Text(c, "detail")},
                                 {"expected", At(c, "expected")},
                                 {"actual", At(c, "actual")}});
  }
}

// Whether `file` still holds the bytes the record was read from (memoised).
class SourceCheck {
 public:
  std::string Problem(const std::string& file, const std::string& sha256) {
    auto it = problems_.find(file);
    if (it != problems_.end()) return it->second;
    std::string problem;
    const std::string have = FileSha256(file);
    if (have.empty())
      problem = "the source file " + file + " cannot be read here";
    else if (!sha256.empty() && have != sha256)
      problem = "the source file " + file + " changed since it was read";
    return problems_[file] = problem;
  }

 private:
  std::map<std::string, std::string> problems_;
};

std::vector<std::string> FileLines(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(ValidUtf8(line));
  }
  return lines;
}

void ViewBuilder::FillSourceLines(json& view) {
  SourceCheck check;
  std::map<std::string, std::vector<std::string>> files;
  for (const LineRequest& r : lines_) {
    json& slot = view[r.slot];
    if (std::string problem = check.Problem(r.file, r.sha256); !problem.empty()) {
      slot["img_error"] = problem;
      continue;
    }
    auto it = files.find(r.file);
    if (it == files.end()) it = files.emplace(r.file, FileLines(r.file)).first;
    json context = json::array();
    for (int n = std::max(1, r.line - 1); n <= r.line + 1; ++n)
      if (n <= int(it->second.size())) context.push_back({n, it->second[n - 1]});
    slot["lines"] = context;
  }
}

const char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string DataUri(const std::string& png) {
  std::string out = "data:image/png;base64,";
  out.reserve(out.size() + (png.size() + 2) / 3 * 4);
  for (size_t i = 0; i < png.size(); i += 3) {
    const unsigned n = (static_cast<unsigned char>(png[i]) << 16) |
                       (i + 1 < png.size() ? static_cast<unsigned char>(png[i + 1]) << 8 : 0) |
                       (i + 2 < png.size() ? static_cast<unsigned char>(png[i + 2]) : 0);
    out += kBase64[(n >> 18) & 63];
    out += kBase64[(n >> 12) & 63];
    out += i + 1 < png.size() ? kBase64[(n >> 6) & 63] : '=';
    out += i + 2 < png.size() ? kBase64[n & 63] : '=';
  }
  return out;
}

// Renders every page a picture is wanted from once (requests grouped by file
// and page), crops or shrinks it, and puts the data: URIs into the view; a
// picture that cannot be made gets "img_error" (why) instead.
void FillPictures(std::vector<PictureRequest>& requests, const ReviewPageOptions& options,
                  json& view) {
  std::stable_sort(requests.begin(), requests.end(), [](const auto& a, const auto& b) {
    return a.file != b.file ? a.file < b.file : a.page < b.page;
  });
  SourceCheck check;
  for (size_t i = 0; i < requests.size();) {
    size_t end = i;
    while (end < requests.size() && requests[end].file == requests[i].file &&
           requests[end].page == requests[i].page && requests[end].degrees == requests[i].degrees)
      ++end;
    const PictureRequest& first = requests[i];
    std::string problem = check.Problem(first.file, first.sha256);
    StatusOr<UprightPage> page = Status::InvalidArgument(problem);
    if (problem.empty()) {
      page = RenderUprightPage(first.file, first.page, first.dpi, first.degrees);
      if (!page.ok())
        problem = "page " + std::to_string(first.page) + ": " + page.status().message();
    }
    for (; i < end; ++i) {
      json& slot = view[requests[i].slot];
      if (!problem.empty()) {
        slot["img_error"] = problem;
        continue;
      }
      StatusOr<std::string> png =
          requests[i].box
              ? CropPng(*page, *requests[i].box, options.crop_margin, options.crop_height)
              : ThumbnailPng(*page, options.thumbnail_width);
      if (png.ok())
        slot["img"] = DataUri(*png);
      else
        slot["img_error"] = png.status().message();
    }
  }
}

// JSON inside <script>: "</" would end the element early.
std::string ScriptSafe(const std::string& json_text) {
  std::string out;
  out.reserve(json_text.size());
  for (size_t i = 0; i < json_text.size(); ++i) {
    out += json_text[i];
    if (json_text[i] == '<' && i + 1 < json_text.size() && json_text[i + 1] == '/') out += "\\";
  }
  return out;
}

// A file written to PATH.tmp at Finish and renamed at Commit.
class ReviewPageFile : public Exporter {
 public:
  ReviewPageFile(std::string path, ReviewPageOptions options)
      : path_(std::move(path)), options_(std::move(options)) {}
  Status Begin() override { return Status::OK(); }
  void Render(const json& rec) override { pending_ = rec; }
  void Add() override { records_.push_back(std::move(pending_)); }
  Status Finish() override {
    std::ofstream out(path_ + ".tmp", std::ios::binary);
    if (!out) return Status::IOError("cannot write " + path_);
    out << ReviewPageHtml(records_, options_);
    out.close();
    return out ? Status::OK() : Status::IOError("cannot write " + path_ + " (disk full?)");
  }
  Status Commit() override {
    if (std::rename((path_ + ".tmp").c_str(), path_.c_str()) != 0)
      return Status::IOError("cannot write " + path_);
    return Status::OK();
  }

 private:
  std::string path_;
  ReviewPageOptions options_;
  json pending_;
  std::vector<json> records_;
};

}  // namespace

std::string RecordKey(const json& record) {
  const json& source = At(record, "source");
  const auto range = [&](const char* key) -> std::string {
    const json& r = At(source, key);
    if (!r.is_array() || r.size() != 2 || !r[0].is_number_integer() || !r[1].is_number_integer())
      return "";
    return std::to_string(r[0].get<long>()) + "-" + std::to_string(r[1].get<long>());
  };
  const std::string sha = Text(source, "sha256");
  if (std::string pages = range("page_range"); !pages.empty()) return sha + ":p" + pages;
  if (std::string lines = range("lines"); !lines.empty()) return sha + ":l" + lines;
  return sha + ":all";
}

std::string ReviewPageHtml(const std::vector<json>& records, const ReviewPageOptions& options) {
  ViewBuilder builder(options);
  json view = builder.Build(records);
  FillPictures(builder.pictures(), options, view);
  builder.FillSourceLines(view);
  std::ostringstream html;
  html << "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n"
       << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
       << "<title>" << EscapeMarkup(options.title) << "</title>\n<style>\n"
       << kReviewPageStyle << "</style>\n</head>\n<body>\n"
       << "<noscript>This page needs JavaScript to show the review.</noscript>\n"
       << "<div id=\"app\"></div>\n"
       << "<script type=\"application/json\" id=\"review-data\">"
       << ScriptSafe(view.dump(-1, ' ', false, json::error_handler_t::replace)) << "</script>\n"
       << "<script>\n"
       << kReviewPageScript << "</script>\n</body>\n</html>\n";
  return html.str();
}

std::unique_ptr<Exporter> ReviewPageExporter(const std::string& path,
                                             const ReviewPageOptions& options) {
  return std::make_unique<ReviewPageFile>(path, options);
}

}  // namespace verdeelscan
