// `-j` changes how fast, never what: `extract` on a multi-page scan and
// `batch` over a few files, at -j 1, 2 and 4, make byte-identical outputs.
// Compared: extract's JSON, review page, sidecar and searchable PDF; the
// batch's records.jsonl, allocations.csv, review.csv, every searchable PDF and
// sidecar, and the catalogue's files and records tables without the seconds
// each file took. Left out, because they legitimately differ between runs:
// the searchable PDF's creation and modification dates (its Info dictionary
// and XMP) and its /ID (compared after qpdf rewrites both PDFs with a static
// ID and uncompressed object streams), the output folder's name where a
// record's note names an output, and the catalogue's runs table (it
// records the options given, -j among them, and the times).
#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "tests/cli_run.h"

namespace verdeelscan {
namespace {

namespace fs = std::filesystem;
using cli_run::RunCommand;
using cli_run::ShellQuoted;

const fs::path kSamples = fs::path(VERDEELSCAN_SOURCE_DIR) / "samples";
const std::string kBinary = VERDEELSCAN_BINARY;

std::string ReadBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

class JobsIdentical : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string templ = (fs::temp_directory_path() / "verdeelscan-jobs-XXXXXX").string();
    ASSERT_NE(::mkdtemp(templ.data()), nullptr);
    dir_ = templ;
  }
  void TearDown() override {
    std::error_code ec;
    if (!HasFailure()) fs::remove_all(dir_, ec);
  }

  // Runs a shell command; fails the test (with its output) unless it exits
  // with one of the accepted codes. Returns its standard output (and error,
  // unless only_stdout).
  std::string Run(const std::string& command, std::vector<int> accepted = {0},
                  bool only_stdout = false) {
    cli_run::CommandResult r = RunCommand(command + (only_stdout ? "" : " 2>&1"));
    EXPECT_NE(std::find(accepted.begin(), accepted.end(), r.exit_code), accepted.end())
        << command << " exited " << r.exit_code << ":\n"
        << r.out;
    return r.out;
  }

  // The searchable PDF without what differs between two runs of the same
  // input: its dates and /ID (qpdf gives it a static ID and writes every
  // object uncompressed, so that the dates can be found and blanked).
  std::string NormalisedPdf(const fs::path& pdf) {
    const fs::path qdf = pdf.string() + ".qdf";
    Run("qpdf --qdf --object-streams=disable --static-id " + ShellQuoted(pdf.string()) + " " +
        ShellQuoted(qdf.string()));
    std::string bytes = ReadBytes(qdf);
    EXPECT_FALSE(bytes.empty()) << pdf;
    bytes = std::regex_replace(bytes, std::regex(R"(D:\d{14}\+00'00')"), "D:DATE");
    bytes =
        std::regex_replace(bytes, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00)"), "DATE");
    bytes = std::regex_replace(bytes, std::regex(R"(/ID \[<[0-9a-f]*><[0-9a-f]*>\])"), "/ID");
    return bytes;
  }

  // The catalogue's files (without seconds) and records tables, as text.
  std::string CatalogueTables(const fs::path& out) {
    const std::string db = ShellQuoted((out / "catalogue.sqlite").string());
    return Run("sqlite3 " + db +
               " 'SELECT path, sha256, size, media, pages, status, error, options, version, "
               "artefacts, duplicate_of FROM files ORDER BY path'") +
           Run("sqlite3 " + db +
               " 'SELECT path, idx, kind, status, json, machine_json FROM records ORDER BY path, "
               "idx'");
  }

  fs::path dir_;
};

// A 4-page scan (two sample scans joined) one of whose tables sends cells to
// the digits-only re-read, so that the re-read runs on the pool too. Scan004
// is the sample that still needs one (the PDF samples scan000 and scan002
// did until their tables came to read right at the first pass); the two
// 2-page TIFFs are joined with PIL (python3-pil, tools/install-deps.sh).
TEST_F(JobsIdentical, ExtractOutputsAreTheSameForAnyJobs) {
  const fs::path input = dir_ / "four_pages.tif";
  const std::string join =
      "import sys\n"
      "from PIL import Image, ImageSequence\n"
      "pages, dpi = [], None\n"
      "for path in sys.argv[2:]:\n"
      "    im = Image.open(path)\n"
      "    dpi = dpi or im.info.get('dpi')\n"
      "    pages += [p.copy() for p in ImageSequence.Iterator(im)]\n"
      "pages[0].save(sys.argv[1], save_all=True, append_images=pages[1:], dpi=dpi,\n"
      "              compression='tiff_lzw')\n";
  Run("/usr/bin/python3 -c " + ShellQuoted(join) + " " + ShellQuoted(input.string()) + " " +
      ShellQuoted((kSamples / "scans/scan003_fryslan.tif").string()) + " " +
      ShellQuoted((kSamples / "scans/scan004_gelderland.tif").string()));
  std::string json1, html1, text1, pdf1;
  for (int jobs : {1, 2, 4}) {
    const fs::path out = dir_ / ("extract-j" + std::to_string(jobs));
    fs::create_directories(out);
    const std::string json =
        Run(kBinary + " -q extract " + ShellQuoted(input.string()) + " -j " + std::to_string(jobs) +
                " --review-html " + ShellQuoted((out / "review.html").string()) +
                " --searchable-pdf " + ShellQuoted((out / "searchable.pdf").string()) +
                " --sidecar " + ShellQuoted((out / "sidecar.txt").string()),
            {0}, /*only_stdout=*/true);
    const std::string html = ReadBytes(out / "review.html");
    const std::string text = ReadBytes(out / "sidecar.txt");
    const std::string pdf = NormalisedPdf(out / "searchable.pdf");
    if (jobs == 1) {
      // The input really is what this test needs: four pages, and cells re-read.
      ASSERT_NE(json.find("\"pages\": 4"), std::string::npos) << json.substr(0, 2000);
      ASSERT_NE(json.find("digits-only re-read of "), std::string::npos);
      ASSERT_FALSE(html.empty());
      ASSERT_FALSE(text.empty());
      json1 = json, html1 = html, text1 = text, pdf1 = pdf;
      continue;
    }
    EXPECT_TRUE(json == json1) << "JSON at -j " << jobs << " differs from -j 1";
    EXPECT_TRUE(html == html1) << "review page at -j " << jobs << " differs from -j 1";
    EXPECT_TRUE(text == text1) << "sidecar at -j " << jobs << " differs from -j 1";
    EXPECT_TRUE(pdf == pdf1) << "searchable PDF at -j " << jobs << " differs from -j 1";
  }
}

// A few files of each kind: multi-page PDF scans, a TIFF, a born-digital PDF
// and a text dump; fewer files than threads at -j 4, so pages run in parallel
// within files as well as files side by side.
TEST_F(JobsIdentical, BatchOutputsAreTheSameForAnyJobs) {
  const fs::path inputs = dir_ / "inputs";
  fs::create_directories(inputs);
  for (const char* name : {"scans/scan000_limburg.pdf", "scans/scan002_noord-brabant.pdf",
                           "scans/scan003_fryslan.tif", "formats/table_text.pdf"}) {
    fs::copy_file(kSamples / name, inputs / fs::path(name).filename());
  }
  for (const auto& entry : fs::directory_iterator(kSamples / "seeds")) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("001", 0) == 0 && entry.path().extension() == ".txt") {
      fs::copy_file(entry.path(), inputs / entry.path().filename());
    }
  }
  std::map<std::string, std::string> first;  // output file -> its bytes at -j 1
  for (int jobs : {1, 2, 4}) {
    const fs::path out = dir_ / ("batch-j" + std::to_string(jobs));
    Run(kBinary + " -q batch " + ShellQuoted(inputs.string()) + " --out " +
            ShellQuoted(out.string()) + " -j " + std::to_string(jobs),
        {0, 2});
    std::map<std::string, std::string> outputs;
    for (const auto& entry : fs::directory_iterator(out)) {
      const std::string name = entry.path().filename().string();
      if (name == "catalogue.sqlite" || name == ".lock" || name == "allocations.xlsx") continue;
      outputs[name] = name.size() > 4 && name.substr(name.size() - 4) == ".pdf"
                          ? NormalisedPdf(entry.path())
                          : ReadBytes(entry.path());
    }
    // .qdf copies made by NormalisedPdf are not outputs.
    for (auto it = outputs.begin(); it != outputs.end();) {
      it = it->first.size() > 4 && it->first.substr(it->first.size() - 4) == ".qdf"
               ? outputs.erase(it)
               : std::next(it);
    }
    outputs["catalogue: files and records"] = CatalogueTables(out);
    // A note may name an output by its path: the folders differ by name only.
    for (auto& [name, bytes] : outputs) {
      for (size_t at; (at = bytes.find(out.string())) != std::string::npos;) {
        bytes.replace(at, out.string().size(), "OUT");
      }
    }
    if (jobs == 1) {
      ASSERT_TRUE(outputs.count("records.jsonl"));
      ASSERT_TRUE(outputs.count("allocations.csv"));
      ASSERT_TRUE(outputs.count("review.csv"));
      ASSERT_GE(outputs.size(), 8u);  // + searchable PDFs and sidecars of the scans
      first = outputs;
      continue;
    }
    ASSERT_EQ(outputs.size(), first.size()) << "-j " << jobs;
    for (const auto& [name, bytes] : first) {
      EXPECT_TRUE(outputs[name] == bytes) << name << " at -j " << jobs << " differs from -j 1";
    }
  }
}

}  // namespace
}  // namespace verdeelscan
