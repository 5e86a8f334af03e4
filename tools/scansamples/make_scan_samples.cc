// Writes the small test inputs of samples/formats/ (committed; rerun only to
// regenerate): a born-digital PDF with a text layer (and a deliberately broken
// ToUnicode map producing Ɵ / ﬁ, as seed 002 has), image-only "scanned" PDFs,
// a skewed PNG, a two-page G4 TIFF, a JPEG letter, a PNG named .pdf, a PDF
// with zero pages and a truncated PDF, plus truth.json describing them.
// The encrypted sample is made from table_text.pdf with qpdf (see README.md).
//
// Usage: scan_make_samples OUTDIR
//        scan_make_samples --typeset TEXTFILE OUT.pdf   (A4 prose, for timing)
//        scan_make_samples --sweep OUTDIR               (degraded tables, for tuning)
// Pages are written as hand-made PDF (standard fonts), rendered by poppler and
// degraded / rotated / encoded with Leptonica: no other tool is needed.
#include <leptonica/allheaders.h>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct Row {
  const char* gemeente;
  int regulier, amv;
};

// Verdeelbesluit Overijssel 2024 (seed 001, repaired truth).
const Row kRows[] = {
    {"Almelo", 468, 0},          {"Borne", 0, 0},
    {"Dalfsen", 142, 26},        {"Deventer", 550, 0},
    {"Dinkelland", 129, 24},     {"Enschede", 550, 21},
    {"Haaksbergen", 107, 20},    {"Hardenberg", 700, 0},
    {"Hellendoorn", 162, 30},    {"Hengelo", 425, 0},
    {"Hof van Twente", 157, 30}, {"Kampen", 282, 26},
    {"Losser", 98, 18},          {"Oldenzaal", 131, 25},
    {"Olst-Wijhe", 85, 15},      {"Ommen", 84, 16},
    {"Raalte", 175, 33},         {"Rijssen-Holten", 250, 0},
    {"Staphorst", 84, 16},       {"Steenwijkerland", 187, 33},
    {"Tubbergen", 150, 0},       {"Twenterand", 137, 26},
    {"Wierden", 85, 56},         {"Zwartewaterland", 104, 20},
    {"Zwolle", 545, 103},
};

std::string Escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '(' || c == ')' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

std::string Dutch(int v) {  // 5787 -> "5.787"
  std::string s = std::to_string(v);
  if (s.size() > 3) s.insert(s.size() - 3, ".");
  return s;
}

// Minimal PDF writer: objects in order, then the xref table.
class PdfWriter {
 public:
  int Add(const std::string& body) {
    objects_.push_back(body);
    return int(objects_.size());
  }
  void Set(int id, const std::string& body) { objects_[id - 1] = body; }
  int Reserve() { return Add(""); }
  std::string Stream(const std::string& dict_extra, const std::string& data) {
    return "<< /Length " + std::to_string(data.size()) + dict_extra + " >>\nstream\n" + data +
           "\nendstream";
  }
  std::string Finish(int root) {
    std::string out = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
    std::vector<size_t> offsets;
    for (size_t i = 0; i < objects_.size(); ++i) {
      offsets.push_back(out.size());
      out += std::to_string(i + 1) + " 0 obj\n" + objects_[i] + "\nendobj\n";
    }
    const size_t xref = out.size();
    out += "xref\n0 " + std::to_string(objects_.size() + 1) + "\n0000000000 65535 f \n";
    for (size_t off : offsets) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%010zu 00000 n \n", off);
      out += buf;
    }
    out += "trailer\n<< /Size " + std::to_string(objects_.size() + 1) + " /Root " +
           std::to_string(root) + " 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
    return out;
  }

 private:
  std::vector<std::string> objects_;
};

struct Page {
  double w = 595, h = 842;  // points (A4)
  std::string content;      // content stream using /F1 (font) and /F2 (ligature font)
};

// Builds a text PDF; /F1 is the base font, /F2 the same font with a ToUnicode
// map that sends code 1 to U+019F (Ɵ) and code 2 to U+FB01 (ﬁ).
std::string TextPdf(const std::vector<Page>& pages, const std::string& base_font) {
  PdfWriter pdf;
  const int catalog = pdf.Reserve();
  const int pages_id = pdf.Reserve();
  const int f1 = pdf.Add("<< /Type /Font /Subtype /Type1 /BaseFont /" + base_font +
                         " /Encoding /WinAnsiEncoding >>");
  const std::string cmap =
      "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
      "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
      "1 begincodespacerange\n<00> <FF>\nendcodespacerange\n"
      "2 beginbfchar\n<01> <019F>\n<02> <FB01>\nendbfchar\n"
      "1 beginbfrange\n<20> <7E> <0020>\nendbfrange\n"
      "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend";
  const int tu = pdf.Add(pdf.Stream("", cmap));
  const int f2 =
      pdf.Add("<< /Type /Font /Subtype /Type1 /BaseFont /" + base_font +
              " /Encoding /WinAnsiEncoding /ToUnicode " + std::to_string(tu) + " 0 R >>");
  std::string kids;
  for (const Page& p : pages) {
    const int content = pdf.Add(pdf.Stream("", p.content));
    std::ostringstream page;
    page << "<< /Type /Page /Parent " << pages_id << " 0 R /MediaBox [0 0 " << p.w << " " << p.h
         << "] /Resources << /Font << /F1 " << f1 << " 0 R /F2 " << f2 << " 0 R >> >> /Contents "
         << content << " 0 R >>";
    kids += std::to_string(pdf.Add(page.str())) + " 0 R ";
  }
  pdf.Set(pages_id,
          "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages.size()) + " >>");
  pdf.Set(catalog, "<< /Type /Catalog /Pages " + std::to_string(pages_id) + " 0 R >>");
  return pdf.Finish(catalog);
}

// An image-only PDF: one gray JPEG per page, scaled to the page box.
std::string ImagePdf(const std::vector<std::pair<std::string, std::pair<int, int>>>& jpegs,
                     double w_pt, double h_pt) {
  PdfWriter pdf;
  const int catalog = pdf.Reserve();
  const int pages_id = pdf.Reserve();
  std::string kids;
  for (const auto& [jpeg, size] : jpegs) {
    const int img =
        pdf.Add(pdf.Stream(" /Type /XObject /Subtype /Image /Width " + std::to_string(size.first) +
                               " /Height " + std::to_string(size.second) +
                               " /ColorSpace /DeviceGray /BitsPerComponent 8"
                               " /Filter /DCTDecode",
                           jpeg));
    std::ostringstream content;
    content << "q " << w_pt << " 0 0 " << h_pt << " 0 0 cm /Im1 Do Q";
    const int c = pdf.Add(pdf.Stream("", content.str()));
    std::ostringstream page;
    page << "<< /Type /Page /Parent " << pages_id << " 0 R /MediaBox [0 0 " << w_pt << " " << h_pt
         << "] /Resources << /XObject << /Im1 " << img << " 0 R >> >> /Contents " << c << " 0 R >>";
    kids += std::to_string(pdf.Add(page.str())) + " 0 R ";
  }
  pdf.Set(pages_id,
          "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(jpegs.size()) + " >>");
  pdf.Set(catalog, "<< /Type /Catalog /Pages " + std::to_string(pages_id) + " 0 R >>");
  return pdf.Finish(catalog);
}

void Text(std::ostringstream& out, const char* font, double size, double x, double y,
          const std::string& s) {
  out << "BT /" << font << " " << size << " Tf " << x << " " << y << " Td (" << Escape(s)
      << ") Tj ET\n";
}

// The verdeelbesluit page: heading, prose (with a ligature-damaged word when
// `broken_ligatures`), and the ruled allocation table with its Totaal row.
Page TablePage(bool broken_ligatures, bool ruled = true) {
  Page p;
  std::ostringstream c;
  Text(c, "F1", 14, 72, 780, "Verdeelbesluit Overijssel 2024");
  Text(c, "F1", 10, 72, 760, "Datum 20 december 2024   Kenmerk 6015733");
  if (broken_ligatures) {
    // "toelichting" with the ti ligature mapped to U+019F, "financiele" with fi.
    c << "BT /F2 10 Tf 72 742 Td (Zie de toelich\001ng en de \002nanciele bijlage.) Tj ET\n";
  } else {
    Text(c, "F1", 10, 72, 742, "Zie de toelichting en de financiele bijlage.");
  }
  const double x[] = {72, 230, 360, 470, 540};  // column borders
  const double top = 720, row_h = 17;
  const int n_rows = int(sizeof(kRows) / sizeof(kRows[0])) + 2;  // header + rows + Totaal
  if (ruled) {
    c << "0.8 w\n";
    for (int r = 0; r <= n_rows; ++r) {
      c << x[0] << " " << top - r * row_h << " m " << x[4] << " " << top - r * row_h << " l S\n";
    }
    for (double xv : x) {
      c << xv << " " << top << " m " << xv << " " << top - n_rows * row_h << " l S\n";
    }
  }
  auto cell = [&](int r, int col, const std::string& s, bool right) {
    const double y = top - (r + 1) * row_h + 5;
    const double xx = right ? x[col + 1] - 6 - 5.6 * s.size() : x[col] + 5;
    Text(c, "F1", 10, xx, y, s);
  };
  cell(0, 0, "Gemeente", false);
  cell(0, 1, "Reguliere plaatsen", false);
  cell(0, 2, "Amv-plaatsen", false);
  cell(0, 3, "Totaal", false);
  int sum_r = 0, sum_a = 0, r = 1;
  for (const Row& row : kRows) {
    cell(r, 0, row.gemeente, false);
    cell(r, 1, std::to_string(row.regulier), true);
    cell(r, 2, std::to_string(row.amv), true);
    cell(r, 3, std::to_string(row.regulier + row.amv), true);
    sum_r += row.regulier;
    sum_a += row.amv;
    ++r;
  }
  cell(r, 0, "Totaal", false);
  cell(r, 1, Dutch(sum_r), true);
  cell(r, 2, std::to_string(sum_a), true);
  cell(r, 3, Dutch(sum_r + sum_a), true);
  p.content = c.str();
  return p;
}

// A short letter (A5) with a small unruled table, for TIFF / JPEG pages.
Page LetterPage(int variant) {
  Page p;
  p.w = 420;
  p.h = 595;
  std::ostringstream c;
  if (variant == 0) {
    Text(c, "F1", 12, 50, 540, "Aan het college van Hilversum");
    Text(c, "F1", 11, 50, 510, "Wettelijke taak regulier 434");
    Text(c, "F1", 11, 50, 490, "Realisatie regulier 174");
    Text(c, "F1", 11, 50, 470, "Peildatum 1 juli 2025, trede 2");
  } else {
    Text(c, "F1", 12, 50, 540, "Provinciale opvangopgave");
    Text(c, "F1", 11, 50, 510, "Regulier 5.787 plaatsen");
    Text(c, "F1", 11, 50, 490, "Amv 538 plaatsen");
    Text(c, "F1", 11, 50, 470, "Restopgave 1.936 en 408");
  }
  p.content = c.str();
  return p;
}

struct PixDel {
  void operator()(PIX* p) const { pixDestroy(&p); }
};
using PixU = std::unique_ptr<PIX, PixDel>;

PixU Render(const std::string& pdf_bytes, int page, int dpi) {
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(pdf_bytes.data(), int(pdf_bytes.size())));
  std::unique_ptr<poppler::page> pg(doc->create_page(page));
  poppler::page_renderer r;
  r.set_render_hint(poppler::page_renderer::antialiasing, true);
  r.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  r.set_image_format(poppler::image::format_gray8);
  poppler::image img = r.render_page(pg.get(), dpi, dpi);
  PixU pix(pixCreate(img.width(), img.height(), 8));
  for (int y = 0; y < img.height(); ++y) {
    const unsigned char* row =
        reinterpret_cast<const unsigned char*>(img.const_data()) + size_t(y) * img.bytes_per_row();
    l_uint32* line = pixGetData(pix.get()) + size_t(y) * pixGetWpl(pix.get());
    for (int x = 0; x < img.width(); ++x) SET_DATA_BYTE(line, x, row[x]);
  }
  pixSetResolution(pix.get(), dpi, dpi);
  return pix;
}

// Scanner damage: light blur, gaussian noise (speckle), as an office scan.
PixU Degrade(PIX* pix, float noise) {
  PixU blurred(pixBlockconv(pix, 1, 1));
  PixU noisy(pixAddGaussianNoise(blurred.get(), noise));
  pixCopyResolution(noisy.get(), pix);
  return noisy;
}

std::string Jpeg(PIX* pix, int quality) {
  l_uint8* data = nullptr;
  size_t size = 0;
  pixWriteMemJpeg(&data, &size, pix, quality, 0);
  std::string out(reinterpret_cast<char*>(data), size);
  lept_free(data);
  return out;
}

void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
  std::cout << "wrote " << path << " (" << bytes.size() << " bytes)\n";
}

}  // namespace

// UTF-8 → WinAnsi (Latin-1 subset) for the standard fonts; others → '?'.
std::string ToWinAnsi(const std::string& utf8) {
  std::string out;
  for (size_t i = 0; i < utf8.size();) {
    const unsigned char c = utf8[i];
    if (c < 0x80) {
      out += char(c);
      ++i;
    } else if ((c >> 5) == 6 && i + 1 < utf8.size()) {
      const int cp = ((c & 0x1F) << 6) | (utf8[i + 1] & 0x3F);
      out += cp < 256 ? char(cp) : '?';
      i += 2;
    } else {
      out += '?';
      i += (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
    }
  }
  return out;
}

// Typesets a text file as A4 pages (11 pt Helvetica, 58 lines a page, long
// lines wrapped at 90 characters): dense prose pages for timing OCR.
std::string Typeset(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    line = ToWinAnsi(line);
    while (line.size() > 90) {
      size_t cut = line.rfind(' ', 90);
      if (cut == std::string::npos || cut == 0) cut = 90;
      lines.push_back(line.substr(0, cut));
      line = line.substr(cut + 1);
    }
    lines.push_back(line);
  }
  std::vector<Page> pages;
  for (size_t i = 0; i < lines.size(); i += 58) {
    std::ostringstream c;
    for (size_t k = i; k < std::min(lines.size(), i + 58); ++k) {
      Text(c, "F1", 11, 60, 790 - 13 * double(k - i), lines[k]);
    }
    pages.push_back(Page{595, 842, c.str()});
  }
  return TextPdf(pages, "Helvetica");
}

// Robustness sweep (not committed): the allocation table in three fonts,
// ruled and unruled, at 150/200/300 DPI, skewed up to ±2°, blurred, speckled
// and JPEG-compressed, as PNG files named after their parameters.
void Sweep(const std::string& dir) {
  const char* fonts[] = {"Helvetica", "Times-Roman", "Courier"};
  const int dpis[] = {150, 200, 300};
  const double skews[] = {-2.0, 0.7, 1.6};
  int n = 0;
  for (const char* font : fonts) {
    for (int ruled = 0; ruled < 2; ++ruled) {
      const std::string pdf = TextPdf({TablePage(false, ruled)}, font);
      for (int d = 0; d < 3; ++d) {
        const int dpi = dpis[d];
        const double skew = skews[(n++) % 3];
        PixU page = Render(pdf, 0, dpi);
        PixU rotated(pixRotate(page.get(), float(skew * M_PI / 180.0), L_ROTATE_AREA_MAP,
                               L_BRING_IN_WHITE, 0, 0));
        PixU damaged = Degrade(rotated.get(), 12.0f);
        l_uint8* data = nullptr;
        size_t size = 0;
        pixWriteMemJpeg(&data, &size, damaged.get(), 40, 0);
        PixU jpeg(pixReadMem(data, size));
        lept_free(data);
        pixSetResolution(jpeg.get(), dpi, dpi);
        char name[160];
        std::snprintf(name, sizeof name, "%s/sweep_%s_%s_%d_%+.1f.png", dir.c_str(), font,
                      ruled ? "ruled" : "unruled", dpi, skew);
        pixWrite(name, jpeg.get(), IFF_PNG);
        std::cout << "wrote " << name << "\n";
      }
    }
  }
}

int main(int argc, char** argv) {
  if (argc == 3 && std::string(argv[1]) == "--sweep") {
    setMsgSeverity(L_SEVERITY_ERROR);
    Sweep(argv[2]);
    return 0;
  }
  if (argc == 4 && std::string(argv[1]) == "--typeset") {
    WriteFile(argv[3], Typeset(argv[2]));
    return 0;
  }
  if (argc != 2) {
    std::cerr << "usage: scan_make_samples OUTDIR\n"
                 "       scan_make_samples --typeset TEXTFILE OUT.pdf\n";
    return 1;
  }
  setMsgSeverity(L_SEVERITY_ERROR);
  const std::string dir = argv[1];
  nlohmann::json truth;
  nlohmann::json rows = nlohmann::json::array();
  for (const Row& r : kRows) {
    rows.push_back({{"gemeente", r.gemeente},
                    {"regulier", r.regulier},
                    {"amv", r.amv},
                    {"totaal", r.regulier + r.amv}});
  }
  truth["table_rows"] = rows;
  truth["table_totaal"] = {{"regulier", "5.787"}, {"amv", "538"}, {"totaal", "6.325"}};

  // 1. Born-digital: text layer with broken ligatures.
  const std::string text_pdf = TextPdf({TablePage(true)}, "Helvetica");
  WriteFile(dir + "/table_text.pdf", text_pdf);
  truth["table_text.pdf"] = {{"media", "pdf-text"},
                             {"pages", 1},
                             {"contains", {"toelichting", "financiele", "Dalfsen", "5.787"}}};

  // 2. Scanned PDF: the clean page rendered at 200 DPI, degraded, JPEG inside.
  const std::string clean_pdf = TextPdf({TablePage(false)}, "Helvetica");
  {
    PixU page = Render(clean_pdf, 0, 200);
    PixU damaged = Degrade(page.get(), 6.0f);
    const std::string jpeg = Jpeg(damaged.get(), 70);
    WriteFile(
        dir + "/table_scan.pdf",
        ImagePdf({{jpeg, {pixGetWidth(damaged.get()), pixGetHeight(damaged.get())}}}, 595, 842));
    truth["table_scan.pdf"] = {{"media", "pdf-scanned"}, {"pages", 1}, {"source_dpi", 200}};
  }

  // 3. Skewed PNG: Times page at 200 DPI rotated by +1.5 degrees (clockwise).
  const std::string times_pdf = TextPdf({TablePage(false)}, "Times-Roman");
  {
    const double degrees = 1.5;
    PixU page = Render(times_pdf, 0, 200);
    PixU rotated(pixRotate(page.get(), float(degrees * M_PI / 180.0), L_ROTATE_AREA_MAP,
                           L_BRING_IN_WHITE, 0, 0));
    pixSetResolution(rotated.get(), 200, 200);
    pixWrite((dir + "/table_skewed.png").c_str(), rotated.get(), IFF_PNG);
    std::cout << "wrote " << dir << "/table_skewed.png\n";
    // The deskew must undo the rotation: apply -1.5 degrees.
    truth["table_skewed.png"] = {{"media", "image"},
                                 {"pages", 1},
                                 {"dpi", 200},
                                 {"rotated_degrees", degrees},
                                 {"deskew_degrees", -degrees}};
  }

  // 4. Two-page G4 TIFF (bilevel, as fax-like office scanners write), 200 DPI.
  const std::string letters_pdf = TextPdf({LetterPage(0), LetterPage(1)}, "Courier");
  {
    const std::string path = dir + "/letters.tif";
    std::remove(path.c_str());
    for (int i = 0; i < 2; ++i) {
      PixU page = Render(letters_pdf, i, 200);
      PixU bw(pixConvertTo1(page.get(), 150));
      pixSetResolution(bw.get(), 200, 200);
      pixWriteTiff(path.c_str(), bw.get(), IFF_TIFF_G4, i == 0 ? "w" : "a");
    }
    std::cout << "wrote " << path << "\n";
    truth["letters.tif"] = {
        {"media", "image"},
        {"pages", 2},
        {"dpi", 200},
        {"page_words", {{"Hilversum", "434", "174"}, {"5.787", "538", "1.936"}}}};
  }

  // 5. JPEG photo-copy of the first letter at 150 DPI, noisier.
  {
    const std::string helv = TextPdf({LetterPage(0)}, "Helvetica");
    PixU page = Render(helv, 0, 150);
    PixU damaged = Degrade(page.get(), 10.0f);
    pixSetResolution(damaged.get(), 150, 150);
    WriteFile(dir + "/letter.jpg", Jpeg(damaged.get(), 60));
    truth["letter.jpg"] = {
        {"media", "image"}, {"pages", 1}, {"dpi", 150}, {"contains", {"Hilversum", "434", "174"}}};
  }

  // 6. A PNG named .pdf (sniffing must ignore the extension).
  {
    const std::string helv = TextPdf({LetterPage(1)}, "Helvetica");
    PixU page = Render(helv, 0, 200);
    PixU box(pixClipRectangle(page.get(), boxCreate(0, 0, pixGetWidth(page.get()), 700), nullptr));
    pixSetResolution(box.get(), 200, 200);
    pixWrite((dir + "/png_named.pdf").c_str(), box.get(), IFF_PNG);
    std::cout << "wrote " << dir << "/png_named.pdf\n";
    truth["png_named.pdf"] = {{"type", "png"}, {"contains", {"Regulier", "5.787"}}};
  }

  // 7. Zero pages and truncated.
  {
    PdfWriter pdf;
    const int catalog = pdf.Reserve();
    const int pages = pdf.Add("<< /Type /Pages /Kids [] /Count 0 >>");
    pdf.Set(catalog, "<< /Type /Catalog /Pages " + std::to_string(pages) + " 0 R >>");
    WriteFile(dir + "/zero_pages.pdf", pdf.Finish(catalog));
    WriteFile(dir + "/truncated.pdf", text_pdf.substr(0, text_pdf.size() * 6 / 10));
    truth["zero_pages.pdf"] = {{"error", "not_found"}};
    truth["truncated.pdf"] = {{"error", "corruption"}};
    truth["encrypted.pdf"] = {{"error", "unsupported"}};
  }
  std::ofstream(dir + "/truth.json") << truth.dump(2) << "\n";
  std::cout << "wrote " << dir << "/truth.json\n";
  return 0;
}
