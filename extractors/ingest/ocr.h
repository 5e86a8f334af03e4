// OCR of one cleaned page image through the Tesseract C++ API (LSTM engine,
// Dutch model): words with boxes and confidences, grouped in text lines, and
// for numeric-looking words the recogniser's own alternative readings (LSTM
// symbol choices) so the repair engine gets real candidates with real costs.
//
// Cost: TessBaseAPI::Init loads the traineddata (~0.2-0.5 s, ~30-60 MB), so
// an engine is created once and reused for every page (LeaseOcrEngine), and
// a thread that would otherwise wait loads the ones a page will need ahead of
// it (PrepareOcrEngines). Recognition of a 300 DPI A4 page is the dominant
// cost of the whole scan pipeline (seconds; see extractors/ingest/README.md
// for the measured figure). A TessBaseAPI is not thread-safe: an engine is
// used by one thread at a time, the one holding its lease.
#ifndef VERDEELSCAN_EXTRACTORS_INGEST_OCR_H_
#define VERDEELSCAN_EXTRACTORS_INGEST_OCR_H_

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/document.h"
#include "core/status.h"
#include "extractors/ingest/cleanup.h"
#include "extractors/ingest/paragraph_breaks.h"

namespace tesseract {
class TessBaseAPI;
}  // namespace tesseract

namespace verdeelscan {

struct OcrOptions {
  std::string tessdata;  // "" = Tesseract's compiled-in default path
  std::string language = "nld";
  bool alternatives = true;  // fill Word::alternatives for numeric words and names
  // Tesseract page segmentation mode (tesseract::PageSegMode). 6 = a single
  // uniform block: table rows come out as lines (see ScanOptions).
  int page_seg_mode = 6;
  int max_alternatives = 6;  // per word, most likely first
  // Tesseract's lstm_choice_iterations: how many further beam searches find
  // the next-best symbol at each position (each as costly as a line's
  // decoding; Tesseract's default 5). CombineSymbolChoices keeps the four
  // likeliest choices of a symbol, which the first search and three further
  // ones supply.
  int choice_iterations = 3;
  // Restricts recognition to these characters ("" = all). The digits-only
  // cell re-read uses "0123456789.".
  std::string char_whitelist;
  // Tesseract's tessedit_do_invert (on by default in Tesseract 5): every
  // line read with a mean confidence below 0.7 is recognised a second time
  // inverted, in case it is white text on black. Cleaned pages hold dark text
  // on light paper (redaction bars and dark borders are masked), so on a
  // degraded page that second recognition only costs time and, measured on
  // the sweeps, sometimes wins with garbage ("6)" for a "0", "|" for a
  // ruling's trace). Off for page OCR (~8% of the OCR CPU on the sweeps).
  bool try_inverted_lines = false;
};

// What a digits-only recognition of one cell crop read.
struct CellReading {
  std::string text;                           // "" when nothing was recognised
  double confidence = 0;                      // 0..1
  std::vector<WordAlternative> alternatives;  // likeliest first, ≠ text
  // "'7' and '1'" when two glyphs of the crop have one shape but were read
  // as those characters (glyph_shapes.h): one of them is misread.
  std::string same_shape_read_apart;
};

// True for words whose alternatives are worth computing: LooksNumeric (from
// validators/glyph_model.h), or short tokens with at most one letter, which
// is how a damaged digit often comes out ("[:]" for a slashed zero, "(9)").
bool MayBeNumber(const std::string& word);

// True for words whose alternatives are worth computing as a name's: a
// capitalised word of three letters or more, in the dictionary or not (a
// misread name may be a word: "Marren" for Morren, and "marren" is Dutch).
// Nothing but the recogniser's next reading tells such a misread letter
// (kinds/field_confidence.h).
bool MayBeName(const std::string& word);

// What the recogniser read in one band of a page: its lines and, for each,
// its geometry on the page image (paragraph_breaks.h).
struct BandReading {
  std::vector<TextLine> lines;
  std::vector<LineGeometry> geometry;
};

// Appends a page's lines, read band by band (top to bottom), to `lines`:
// numbered from 1 in reading order, with an empty line wherever a paragraph
// ends (ParagraphBreaks over the whole page, so a break between two bands
// is found as one inside a band).
void AppendPageLines(std::vector<BandReading> bands, std::vector<TextLine>* lines);

class OcrEngine {
 public:
  // Fails with NotFound when the traineddata for the language is missing.
  static StatusOr<std::unique_ptr<OcrEngine>> Create(const OcrOptions& options);
  ~OcrEngine();
  OcrEngine(const OcrEngine&) = delete;
  OcrEngine& operator=(const OcrEngine&) = delete;

  // Recognises `image` (the cleaned page, at `dpi`) once and appends its lines
  // to `lines`, boxes mapped to nominal page pixels through `transform`.
  Status RecognizePage(Pix* image, int dpi, int page, const PageTransform& transform,
                       std::vector<TextLine>* lines);

  // Recognises `band`, the rows of the cleaned page image from row `top` on
  // (page_bands.h), once: its lines (not yet numbered) and their geometry
  // on the page image go to `out`. AppendPageLines joins a page's bands.
  Status RecognizeBand(Pix* band, int top, int dpi, int page, const PageTransform& transform,
                       BandReading* out);

  // Recognises a small crop (one table cell, already cleaned and binarised)
  // as a single line. Meant for an engine created with a digits whitelist and
  // page_seg_mode 7 (single line).
  StatusOr<CellReading> RecognizeCrop(Pix* crop, int dpi);

  const OcrOptions& options() const { return options_; }

 private:
  explicit OcrEngine(const OcrOptions& options);
  StatusOr<CellReading> RecognizeCropOnce(Pix* crop, int dpi);
  OcrOptions options_;
  std::unique_ptr<tesseract::TessBaseAPI> api_;
};

// Tesseract's Init and SetVariable write process-wide globals: every engine
// (OCR or orientation detection) is initialised holding this lock, and the
// first call silences Tesseract's own diagnostics (our failures are Status
// values). Returns the held lock.
std::unique_lock<std::mutex> LockTesseractInit(tesseract::TessBaseAPI& api);

// Tesseract engines (OCR, digits-only and orientation detection) initialised
// by this process so far: each costs ~0.2-0.5 s CPU and ~30-60 MB, so a run
// that reuses one per thread shows a count of a few per thread, whatever the
// number of files (the batch summary prints it).
long TesseractEnginesInitialised();

// An engine the calling thread has to itself until the lease ends; then it
// is free for the next lease, on any thread.
class OcrEngineLease {
 public:
  OcrEngineLease(std::string key, std::unique_ptr<OcrEngine> engine);
  OcrEngineLease(OcrEngineLease&&) noexcept = default;
  OcrEngineLease& operator=(OcrEngineLease&&) = delete;
  ~OcrEngineLease();
  OcrEngine* operator->() const { return engine_.get(); }
  OcrEngine& operator*() const { return *engine_; }

 private:
  std::string key_;
  std::unique_ptr<OcrEngine> engine_;
};

// A free engine for these options, or a new one when every one made is lent
// (Init is the expensive part). The process keeps every engine it made until
// it exits, so a run makes as many for the same options as it ever used at
// once: one per thread at most.
StatusOr<OcrEngineLease> LeaseOcrEngine(const OcrOptions& options);

// Makes engines for these options until `count` exist (free or lent), on the
// calling thread: for a thread that would otherwise wait, so that the threads
// about to read a page find theirs loaded. A failure to make one stops it
// quietly; the lease that needs the engine reports it.
void PrepareOcrEngines(const OcrOptions& options, int count);

// Whole-word alternatives from per-symbol choices, each a list of
// (text, Tesseract rating = -log probability summed over the symbol's LSTM
// timesteps; lower is better), as lstm_choice_mode 2 reports them. Each
// symbol's ratings become a softmax over its choices; the result is the most
// probable combinations other than `best`, with probability = product of the
// symbol probabilities, likeliest first. Exposed for tests.
std::vector<WordAlternative> CombineSymbolChoices(
    const std::vector<std::vector<std::pair<std::string, float>>>& symbols, const std::string& best,
    int max_alternatives);

}  // namespace verdeelscan

#endif  // VERDEELSCAN_EXTRACTORS_INGEST_OCR_H_
