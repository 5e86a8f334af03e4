#include "extractors/ingest/ocr.h"

#include <dlfcn.h>
#include <tesseract/baseapi.h>
#include <tesseract/renderer.h>
#include <tesseract/resultiterator.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cmath>
#include <map>
#include <mutex>
#include <queue>
#include <set>
#include <string>
#include <string_view>
#include <utility>

#include "extractors/ingest/dictionary_words.h"
#include "extractors/ingest/paragraph_breaks.h"
#include "extractors/ingest/serial_openmp.h"
#include "validators/glyph_model.h"

namespace verdeelscan {
namespace {

std::string TakeText(char* text) {
  std::string out = text != nullptr ? text : "";
  delete[] text;
  // Tesseract ends lines with "\n"; words never contain whitespace for us.
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

BBox Union(const BBox& a, const BBox& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  return BBox{std::min(a.x0, b.x0), std::min(a.y0, b.y0), std::max(a.x1, b.x1),
              std::max(a.y1, b.y1)};
}

// Debian's libtesseract is built with OpenMP and runs its LSTM layers on
// up to 10 threads per page. On a shared 2-core machine the spinning threads
// cost more than they give (measured: 8.4 s/page with OpenMP, 1.6 s/page
// serial at 300 DPI). Parallelism belongs one level up (pages, documents), so
// we make the OpenMP regions Tesseract starts serial. max-active-levels is a
// per-thread setting in OpenMP 5 (libgomp of GCC >= 11): a thread that did not
// set it gets the default and runs 10-thread regions (measured: a second page
// thread's OCR took 4x as long), so every thread that recognises sets it, once.
// Looked up at run time: a Tesseract built without OpenMP needs nothing.
// Debian's Tesseract calls only entry points we define (serial_openmp.h), so
// its regions never reach libgomp; the setting stays for one that would.
void SerializeOpenMp() {
  using SetLevels = void (*)(int);
  static const SetLevels set =
      reinterpret_cast<SetLevels>(dlsym(RTLD_DEFAULT, "omp_set_max_active_levels"));
  thread_local bool done = false;
  if (done) return;
  done = true;
  if (set != nullptr) set(0);
  [[maybe_unused]] static const bool linked = SerialOpenMpLinked();
}

std::vector<std::vector<std::pair<std::string, float>>> SymbolChoices(
    const tesseract::ResultIterator& it) {
  std::vector<std::vector<std::pair<std::string, float>>> symbols;
  auto* choices = it.GetBestLSTMSymbolChoices();
  if (choices == nullptr) return symbols;
  for (const auto& symbol : *choices) {
    // A list whose best choice is a blank is the word's leading space, not
    // one of its glyphs.
    if (symbol.empty() || symbol[0].first == nullptr || std::string(symbol[0].first) == " ") {
      continue;
    }
    std::vector<std::pair<std::string, float>> options;
    for (const auto& [text, rating] : symbol) {
      if (text != nullptr && *text != '\0' && std::string(text) != " ") {
        options.emplace_back(text, rating);
      }
    }
    if (!options.empty()) symbols.push_back(std::move(options));
  }
  return symbols;
}

std::vector<WordAlternative> WordAlternatives(const tesseract::ResultIterator& it,
                                              const std::string& text, int max_alternatives);

}  // namespace

bool MayBeNumber(const std::string& word) {
  if (LooksNumeric(word)) return true;
  if (word.empty() || word.size() > 9) return false;
  int letters = 0;
  for (unsigned char c : word) {
    if (std::isalpha(c) || c >= 0x80) ++letters;
  }
  return letters <= 1;
}

bool MayBeName(const std::string& word) {
  return word.size() >= 3 && word[0] >= 'A' && word[0] <= 'Z';
}

namespace {
std::vector<WordAlternative> WordAlternatives(const tesseract::ResultIterator& it,
                                              const std::string& text, int max_alternatives) {
  return CombineSymbolChoices(SymbolChoices(it), text, max_alternatives);
}
}  // namespace

std::vector<WordAlternative> CombineSymbolChoices(
    const std::vector<std::vector<std::pair<std::string, float>>>& symbols, const std::string& best,
    int max_alternatives) {
  std::vector<WordAlternative> out;
  if (symbols.empty() || max_alternatives <= 0) return out;
  // Tesseract's ratings are -log(probability) summed over the symbol's LSTM
  // timesteps (lower is better). Per symbol we turn them into a softmax
  // distribution over the offered choices, keep the few likeliest and drop the
  // astronomically unlikely tail (below kFloor), which only slows the
  // enumeration down.
  constexpr double kFloor = 1e-12;
  std::vector<std::vector<std::pair<std::string, double>>> sorted;
  for (const auto& choices : symbols) {
    if (choices.empty()) return out;  // a symbol with no usable choice
    double best_rating = choices[0].second;
    for (const auto& c : choices) best_rating = std::min<double>(best_rating, c.second);
    double z = 0;
    for (const auto& c : choices) z += std::exp(-(c.second - best_rating));
    std::vector<std::pair<std::string, double>> kept;
    for (const auto& c : choices) {
      const double p = std::exp(-(c.second - best_rating)) / z;
      if (p >= kFloor) kept.emplace_back(c.first, p);
    }
    std::sort(kept.begin(), kept.end(),
              [](const auto& a, const auto& b) { return a.second > b.second; });
    if (kept.size() > 4) kept.resize(4);
    sorted.push_back(std::move(kept));
  }
  // Best-first enumeration of index vectors (a k-best product): pop the
  // likeliest combination, push its neighbours that demote one symbol.
  using State = std::pair<double, std::vector<int>>;
  auto probability = [&](const std::vector<int>& idx) {
    double p = 1.0;
    for (size_t i = 0; i < idx.size(); ++i) p *= sorted[i][idx[i]].second;
    return p;
  };
  std::priority_queue<State> queue;
  std::set<std::vector<int>> seen;
  std::vector<int> start(sorted.size(), 0);
  queue.push({probability(start), start});
  seen.insert(start);
  std::set<std::string> emitted{best};
  int popped = 0;
  while (!queue.empty() && int(out.size()) < max_alternatives && popped < 200) {
    auto [p, idx] = queue.top();
    queue.pop();
    ++popped;
    if (p < kFloor) break;
    std::string text;
    for (size_t i = 0; i < idx.size(); ++i) text += sorted[i][idx[i]].first;
    if (emitted.insert(text).second) out.push_back(WordAlternative{text, p});
    for (size_t i = 0; i < idx.size(); ++i) {
      if (idx[i] + 1 >= int(sorted[i].size())) continue;
      std::vector<int> next = idx;
      ++next[i];
      if (seen.insert(next).second) queue.push({probability(next), next});
    }
  }
  return out;
}

namespace {

// The geometry of the text line the iterator is at, on the page image of
// which the recognised image is the band starting at row `top`.
LineGeometry LineGeometryAt(const tesseract::ResultIterator& it, int top) {
  LineGeometry g;
  int l = 0, t = 0, r = 0, b = 0;
  if (it.BoundingBox(tesseract::RIL_TEXTLINE, &l, &t, &r, &b)) {
    g.top = t + top;
    g.bottom = b + top;
  }
  g.baseline = g.bottom;
  int x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  if (it.Baseline(tesseract::RIL_TEXTLINE, &x1, &y1, &x2, &y2)) g.baseline = (y1 + y2) / 2 + top;
  g.starts_block = it.IsAtBeginningOf(tesseract::RIL_BLOCK);
  return g;
}

}  // namespace

OcrEngine::OcrEngine(const OcrOptions& options)
    : options_(options), api_(std::make_unique<tesseract::TessBaseAPI>()) {}

OcrEngine::~OcrEngine() {
  if (api_) api_->End();
}

namespace {
std::atomic<long> engines_initialised{0};
}  // namespace

long TesseractEnginesInitialised() { return engines_initialised.load(); }

std::unique_lock<std::mutex> LockTesseractInit(tesseract::TessBaseAPI& api) {
  ++engines_initialised;
  // Tesseract keeps some parameters in process-wide globals that SetVariable
  // and Init write (debug_file, a static in its tprintf.cpp, is one), so
  // engines are created one at a time: ThreadSanitizer caught two page
  // threads writing debug_file at once in ParamUtils::SetParam.
  static std::mutex create_mu;
  std::unique_lock<std::mutex> lock(create_mu);
  // Silence Tesseract's own diagnostics ("Estimating resolution", ...): our
  // failures are Status values. debug_file is global and every tprintf, on
  // any thread, reads it: set once (before the first Init), never rewritten.
  static bool quiet = false;
  if (!quiet) {
    api.SetVariable("debug_file", "/dev/null");
    quiet = true;
  }
  return lock;
}

StatusOr<std::unique_ptr<OcrEngine>> OcrEngine::Create(const OcrOptions& options) {
  SerializeOpenMp();
  std::unique_ptr<OcrEngine> engine(new OcrEngine(options));
  auto& api = *engine->api_;
  const auto lock = LockTesseractInit(api);
  const char* datapath = options.tessdata.empty() ? nullptr : options.tessdata.c_str();
  // An engine restricted to some characters (the digits re-read) has no use
  // for the language's dictionaries: not loading them halves its start-up
  // (measured 0.25 -> 0.135 s for nld), paid once per file by `extract`.
  std::vector<std::string> names, values;
  if (!options.char_whitelist.empty()) {
    for (const char* dawg : {"load_system_dawg", "load_freq_dawg", "load_unambig_dawg",
                             "load_punc_dawg", "load_number_dawg", "load_bigram_dawg"}) {
      names.emplace_back(dawg);
      values.emplace_back("0");
    }
  }
  if (api.Init(datapath, options.language.c_str(), tesseract::OEM_LSTM_ONLY, nullptr, 0, &names,
               &values, false) != 0) {
    return Status::NotFound("Tesseract traineddata for '" + options.language + "' not found" +
                            (options.tessdata.empty() ? "" : " in " + options.tessdata) +
                            " (Debian: tesseract-ocr-" + options.language + ")");
  }
  // Mode 2: per-symbol best choices of the LSTM beam, readable through
  // ResultIterator::GetBestLSTMSymbolChoices (the numeric alternatives).
  if (options.alternatives) {
    api.SetVariable("lstm_choice_mode", "2");
    api.SetVariable("lstm_choice_iterations", std::to_string(options.choice_iterations).c_str());
  }
  if (!options.char_whitelist.empty()) {
    api.SetVariable("tessedit_char_whitelist", options.char_whitelist.c_str());
  }
  api.SetPageSegMode(static_cast<tesseract::PageSegMode>(options.page_seg_mode));
  if (!options.try_inverted_lines) api.SetVariable("tessedit_do_invert", "0");
  return engine;
}

Status OcrEngine::RecognizePage(Pix* image, int dpi, int page, const PageTransform& transform,
                                std::vector<TextLine>* lines) {
  std::vector<BandReading> bands(1);
  if (Status st = RecognizeBand(image, 0, dpi, page, transform, &bands[0]); !st.ok()) return st;
  AppendPageLines(std::move(bands), lines);
  return Status::OK();
}

Status OcrEngine::RecognizeBand(Pix* band, int top, int dpi, int page,
                                const PageTransform& transform, BandReading* out) {
  SerializeOpenMp();  // this thread's regions (the engine may come from another)
  auto& api = *api_;
  api.SetImage(band);
  api.SetSourceResolution(dpi);
  if (api.Recognize(nullptr) != 0) {
    api.Clear();
    return Status::Corruption("OCR failed on page " + std::to_string(page));
  }
  std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
  std::vector<TextLine>& lines = out->lines;
  std::vector<LineGeometry>& geometry = out->geometry;  // one per line
  TextLine* current = nullptr;
  if (it != nullptr && !it->Empty(tesseract::RIL_WORD)) {
    do {
      if (it->IsAtBeginningOf(tesseract::RIL_TEXTLINE) || current == nullptr) {
        if (current != nullptr && current->words.empty()) {
          lines.pop_back();
          geometry.pop_back();
        }
        lines.push_back(TextLine{});
        current = &lines.back();
        current->page = page;
        geometry.push_back(LineGeometryAt(*it, top));
      }
      Word word;
      word.text = TakeText(it->GetUTF8Text(tesseract::RIL_WORD));
      if (word.text.empty()) continue;
      int l, t, r, b;
      if (it->BoundingBox(tesseract::RIL_WORD, &l, &t, &r, &b)) {
        word.box = transform.ToPage(BBox{l, t + top, r, b + top});
      }
      word.confidence = std::clamp(it->Confidence(tesseract::RIL_WORD) / 100.0, 0.0, 1.0);
      word.known_word = it->WordIsFromDictionary() || DictionaryKnows(api, word.text);
      if (options_.alternatives && (MayBeNumber(word.text) || MayBeName(word.text))) {
        word.alternatives = WordAlternatives(*it, word.text, options_.max_alternatives);
      }
      current->box = Union(current->box, word.box);
      if (!current->text.empty()) current->text += ' ';
      current->text += word.text;
      current->words.push_back(std::move(word));
    } while (it->Next(tesseract::RIL_WORD));
  }
  // Tesseract reports ruling lines and specks as empty text lines: dropped.
  if (current != nullptr && current->words.empty()) {
    lines.pop_back();
    geometry.pop_back();
  }
  it.reset();
  api.Clear();  // drop the page image and results before the next page
  return Status::OK();
}

void AppendPageLines(std::vector<BandReading> bands, std::vector<TextLine>* lines) {
  const size_t page_first = lines->size();
  std::vector<LineGeometry> geometry;
  int line_no = 0;
  for (size_t b = 0; b < bands.size(); ++b) {
    BandReading& band = bands[b];
    // A band's first line opens a block of its own reading, not of the page.
    if (b > 0 && !band.geometry.empty()) band.geometry.front().starts_block = false;
    for (TextLine& line : band.lines) {
      line.line_no = ++line_no;
      lines->push_back(std::move(line));
    }
    geometry.insert(geometry.end(), band.geometry.begin(), band.geometry.end());
  }
  InsertBreakLines(lines, page_first, ParagraphBreaks(geometry));
}

StatusOr<CellReading> OcrEngine::RecognizeCrop(Pix* crop, int dpi) {
  auto reading = RecognizeCropOnce(crop, dpi);
  if (!reading.ok() || !reading->text.empty()) return reading;
  // With a whitelist, Tesseract's line (and single-character) mode drops a
  // lone glyph such as a cell holding "0"; single-word mode reads it
  // (measured on samples/formats: 9 of 138 cells came back empty before).
  api_->SetPageSegMode(tesseract::PSM_SINGLE_WORD);
  reading = RecognizeCropOnce(crop, dpi);
  api_->SetPageSegMode(static_cast<tesseract::PageSegMode>(options_.page_seg_mode));
  return reading;
}

StatusOr<CellReading> OcrEngine::RecognizeCropOnce(Pix* crop, int dpi) {
  SerializeOpenMp();
  auto& api = *api_;
  api.SetImage(crop);
  api.SetSourceResolution(dpi);
  if (api.Recognize(nullptr) != 0) {
    api.Clear();
    return Status::Corruption("OCR failed on a cell crop");
  }
  CellReading reading;
  std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
  // A cell is one token; if Tesseract splits it ("5. 787") the parts are
  // joined, and so are their per-symbol choices.
  std::vector<std::vector<std::pair<std::string, float>>> symbols;
  double confidence_sum = 0;
  int words = 0;
  if (it != nullptr && !it->Empty(tesseract::RIL_WORD)) {
    do {
      const std::string text = TakeText(it->GetUTF8Text(tesseract::RIL_WORD));
      if (text.empty()) continue;
      reading.text += text;
      confidence_sum += std::clamp(it->Confidence(tesseract::RIL_WORD) / 100.0, 0.0, 1.0);
      ++words;
      if (options_.alternatives) {
        for (auto& symbol : SymbolChoices(*it)) symbols.push_back(std::move(symbol));
      }
    } while (it->Next(tesseract::RIL_WORD));
  }
  it.reset();
  api.Clear();
  if (words > 0) reading.confidence = confidence_sum / words;
  reading.alternatives = CombineSymbolChoices(symbols, reading.text, options_.max_alternatives);
  return reading;
}

namespace {

std::string EngineKey(const OcrOptions& options) {
  return options.tessdata + '\n' + options.language + '\n' + (options.alternatives ? "1" : "0") +
         '\n' + std::to_string(options.page_seg_mode) + '\n' +
         std::to_string(options.max_alternatives) + '\n' +
         std::to_string(options.choice_iterations) + '\n' + options.char_whitelist +
         (options.try_inverted_lines ? "\ninv" : "");
}

// The process's engines by options: those free, and how many were made.
struct EngineShelf {
  std::mutex mu;
  std::map<std::string, std::vector<std::unique_ptr<OcrEngine>>> free;
  std::map<std::string, int> made;
};

// Never destroyed: engines live until the process exits (Tesseract's own
// globals may be gone before a static's destructor would run).
EngineShelf& Shelf() {
  static EngineShelf* shelf = new EngineShelf;
  return *shelf;
}

// Makes one engine for `key`, counted as made before it exists so that
// threads preparing at once do not make more than asked.
StatusOr<std::unique_ptr<OcrEngine>> MakeCounted(const OcrOptions& options,
                                                 const std::string& key) {
  auto engine = OcrEngine::Create(options);
  if (!engine.ok()) {
    std::lock_guard<std::mutex> lock(Shelf().mu);
    --Shelf().made[key];
  }
  return engine;
}

}  // namespace

OcrEngineLease::OcrEngineLease(std::string key, std::unique_ptr<OcrEngine> engine)
    : key_(std::move(key)), engine_(std::move(engine)) {}

OcrEngineLease::~OcrEngineLease() {
  if (engine_ == nullptr) return;  // moved from
  std::lock_guard<std::mutex> lock(Shelf().mu);
  Shelf().free[key_].push_back(std::move(engine_));
}

StatusOr<OcrEngineLease> LeaseOcrEngine(const OcrOptions& options) {
  const std::string key = EngineKey(options);
  {
    std::lock_guard<std::mutex> lock(Shelf().mu);
    auto& free = Shelf().free[key];
    if (!free.empty()) {
      std::unique_ptr<OcrEngine> engine = std::move(free.back());
      free.pop_back();
      return OcrEngineLease(key, std::move(engine));
    }
    ++Shelf().made[key];
  }
  auto engine = MakeCounted(options, key);
  if (!engine.ok()) return engine.status();
  return OcrEngineLease(key, std::move(*engine));
}

void PrepareOcrEngines(const OcrOptions& options, int count) {
  const std::string key = EngineKey(options);
  for (;;) {
    {
      std::lock_guard<std::mutex> lock(Shelf().mu);
      if (Shelf().made[key] >= count) return;
      ++Shelf().made[key];
    }
    auto engine = MakeCounted(options, key);
    if (!engine.ok()) return;
    OcrEngineLease returned(key, std::move(*engine));
  }
}

}  // namespace verdeelscan
