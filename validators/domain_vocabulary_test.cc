#include "validators/domain_vocabulary.h"

#include <gtest/gtest.h>

namespace verdeelscan {
namespace {

TEST(DomainVocabulary, RepairsOcrDamagedDomainWords) {
  std::vector<WordRepair> repairs;
  EXPECT_EQ(RepairDomainWords("PRI-overleg", &repairs), "PRT-overleg");
  ASSERT_EQ(repairs.size(), 1u);
  EXPECT_EQ(repairs[0].from, "PRI");
  EXPECT_EQ(repairs[0].to, "PRT");
  EXPECT_NE(repairs[0].reason.find("I→T"), std::string::npos);
  EXPECT_EQ(RepairDomainWords("Piekken boven de opgave", nullptr), "Plekken boven de opgave");
  EXPECT_EQ(RepairDomainWords("Vervolgbijeenkornst", nullptr), "Vervolgbijeenkomst");
  EXPECT_EQ(RepairDomainWords("Rondvraaq en Sluitinq", nullptr), "Rondvraag en Sluiting");
  EXPECT_EQ(RepairDomainWords("C0A en lBT", nullptr), "COA en IBT");
  EXPECT_EQ(RepairDomainWords("taak arnv", nullptr), "taak amv");
  EXPECT_EQ(RepairDomainWords("provincie 0verijssel", nullptr), "provincie Overijssel");
  // An accent the word does not have is a speck over a letter (an office
  // scan of lettergen seed 4500: "Bezwaär en beroep"); one dropped is a
  // spelling (LeavesRightWordsAlone: "Fryslan").
  EXPECT_EQ(RepairDomainWords("Bezwaär en beroep", nullptr), "Bezwaar en beroep");
  // "!" and "|" for an l (an office scan of an e-mail subject, seed 4500).
  EXPECT_EQ(RepairDomainWords("RE: Verslag regietafe! Gelderland", nullptr),
            "RE: Verslag regietafel Gelderland");
  EXPECT_EQ(RepairDomainWords("verdee!besluit", nullptr), "verdeelbesluit");
  EXPECT_EQ(RepairDomainWords("Provinciehu:s Assen", nullptr), "Provinciehuis Assen");
  EXPECT_EQ(RepairDomainWords("Provinciehùis Leeuwarden", nullptr), "Provinciehuis Leeuwarden");
  EXPECT_EQ(RepairDomainWords("Locatie: Provinciehuis", nullptr), "Locatie: Provinciehuis")
      << "a label's colon stays";
  EXPECT_EQ(RepairDomainWords("regie|afel", nullptr), "regie|afel")
      << "only when it makes the word";
  // "ri" read for "n" (a photocopy of lettergen seed 7213).
  EXPECT_EQ(RepairDomainWords("Proviriciehuis Groningen", nullptr), "Provinciehuis Groningen");
}

// The law's own name is the domain's: "Uitvoering Wet gerneentelijke taak"
// (an office scan of lettergen seed 11614) was held with rn for m.
TEST(DomainVocabulary, RepairsTheLawsName) {
  EXPECT_EQ(RepairDomainWords("Uitvoering Wet gerneentelijke taak", nullptr),
            "Uitvoering Wet gemeentelijke taak");
  EXPECT_EQ(RepairDomainWords("de gemeentelijke taak", nullptr), "de gemeentelijke taak");
}

TEST(DomainVocabulary, JoinsADomainWordSplitByAGap) {
  // A photocopy of lettergen seed 7209: the subject "Voortgang uitvoering
  // Spreidingswet" came back with a gap inside its last word, valid.
  std::vector<WordRepair> repairs;
  EXPECT_EQ(RepairDomainWords("Voortgang uitvoering Spreidings wet", &repairs),
            "Voortgang uitvoering Spreidingswet");
  ASSERT_EQ(repairs.size(), 1u);
  EXPECT_EQ(repairs[0].from, "Spreidings wet");
  EXPECT_EQ(repairs[0].to, "Spreidingswet");
  // Two words that are each a domain word stay two ("opvang plekken" is no
  // gap the recogniser made up), and so do words that join to nothing.
  for (const char* text : {"opvang plekken", "de wet", "Spreidings- wet", "Spreidings 2"}) {
    EXPECT_EQ(RepairDomainWords(text, nullptr), text);
  }
}

// An office scan of lettergen seed 11603 read an action's owner "Provincie
// Noord-Holtand", valid: the words were repaired one by one between the
// hyphens, and neither half is near a word. A hyphenated name is one word.
TEST(DomainVocabulary, RepairsAHyphenatedNameAsOneWord) {
  std::vector<WordRepair> repairs;
  EXPECT_EQ(RepairDomainWords("Provincie Noord-Holtand", &repairs), "Provincie Noord-Holland");
  ASSERT_EQ(repairs.size(), 1u);
  EXPECT_EQ(repairs[0].from, "Noord-Holtand");
  EXPECT_EQ(RepairDomainWords("Zuid-HoIland en Noord-Brabamt", nullptr),
            "Zuid-Holland en Noord-Brabant");
  EXPECT_EQ(RepairDomainWords("PRI-overleg", nullptr), "PRT-overleg") << "as before, by its part";
}

TEST(DomainVocabulary, LeavesRightWordsAlone) {
  // Every word here is right as printed: a repair would be a silent error.
  for (const char* text :
       {"PRT-overleg", "Plekken boven de opgave", "Overleg met CDA en VVD", "Leren en dienen",
        "Laren en Diemen", "Bezwaar en beroep", "Interbestuurlijk Toezicht", "Gemeenten",
        "Verslag Provinciaal afstemmingsoverleg", "spreidinsgwet@minjenv.nl", "Woo-besluit 5.1.2e",
        "CommunicaƟe openbaar maken verdeelbesluiten", "Hilversum", "Emmen", "Ommen", "IT", "ICT",
        "Opening", "Mededelingen", "Vaststellen verslag", "20 september 2024", "Noord-Holland",
        "Zuid-Holland en Noord-Brabant", "op- en afschalen", "Faber-Van de Klashorst",
        "Verdeelbesluit provincie Fryslan", "Sudwest-Fryslan", "Bezwaar! Toezicht | Opvang",
        // A quote a scan put before a word is no letter of
        // it (lettergen seed 6100: "‘Aanbieding" became
        // "aanbieding").
        "\u2018Aanbieding verdeelbesluiten \u2019", "\u201cPlekken\u201d \u00abOpvang\u00bb"}) {
    std::vector<WordRepair> repairs;
    EXPECT_EQ(RepairDomainWords(text, &repairs), text);
    EXPECT_TRUE(repairs.empty()) << text << ": " << (repairs.empty() ? "" : repairs[0].reason);
  }
}

TEST(DomainVocabulary, AmbiguousOrFarWordsAreNotGuessed) {
  // Two vocabulary words equally close, or too far from any: left as read.
  EXPECT_FALSE(RepairDomainWord("Xyzzyq"));
  EXPECT_FALSE(RepairDomainWord("PRQ"));       // no glyph of print turns Q into T
  EXPECT_FALSE(RepairDomainWord("Gemeente"));  // a word of its own
  EXPECT_FALSE(RepairDomainWord("Ornmen"));    // a municipality under seven letters
}

TEST(DomainVocabulary, APlaceFieldRepairsShorterMunicipalityNames) {
  // A meeting's location expects a municipality: "Amhem" ("rn" read as "m",
  // lettergen seed 7810, clean scan) is Arnhem there, while in a title a
  // capitalised word that short is as likely a surname, and stays.
  std::vector<WordRepair> repairs;
  EXPECT_EQ(RepairDomainWords("Provinciehuis Amhem", &repairs, WordsOf::kPlace),
            "Provinciehuis Arnhem");
  ASSERT_EQ(repairs.size(), 1u);
  EXPECT_EQ(repairs[0].from, "Amhem");
  EXPECT_EQ(RepairDomainWords("Provinciehuis Amhem", nullptr), "Provinciehuis Amhem");
  // Places as they are written, and meetings held nowhere, are kept.
  for (const char* place : {"Provinciehuis Arnhem", "Gemeentehuis Assen", "Stadhuis Zwolle",
                            "Online via Teams", "Kantoor Utrecht", "Provinciehuis Lelystad",
                            "Digitaal", "Huis der Provincie", "Bestuurscentrum Emmen"}) {
    repairs.clear();
    EXPECT_EQ(RepairDomainWords(place, &repairs, WordsOf::kPlace), place);
    EXPECT_TRUE(repairs.empty()) << place << ": " << (repairs.empty() ? "" : repairs[0].reason);
  }
}

TEST(DomainVocabulary, MunicipalityNamesFromTheReferenceData) {
  std::optional<WordRepair> r = RepairDomainWord("Hi1versum");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->to, "Hilversum");
  // Lower case is no name: "hilversurn" in running text is left alone.
  EXPECT_FALSE(RepairDomainWord("hilversurn"));
}

}  // namespace

// Not a repair: what a capitalised word the dictionary lacks is near.
TEST(DomainVocabulary, NearDomainWordNamesTheWordOneEditAway) {
  EXPECT_EQ(NearDomainWord("Secretartaat"), "secretariaat");  // lettergen 9114, t for i
  EXPECT_EQ(NearDomainWord("Secretariaat"), "");              // the word itself
  EXPECT_EQ(NearDomainWord("Bijeenkamst"), "bijeenkomst");
  for (const char* name : {"Jansen", "Meijer", "Visser", "Bakker", "Faber", "Morren", "Keijzer"})
    EXPECT_EQ(NearDomainWord(name), "") << name;
  EXPECT_EQ(NearDomainWord("Datun"), "");  // five letters: too short to tell
}

// Not a repair either: the accented word a plain spelling stands for.
TEST(DomainVocabulary, AccentedDomainWordNamesTheWordWithItsAccents) {
  EXPECT_EQ(AccentedDomainWord("Fryslan"), "Fryslân");
  EXPECT_EQ(AccentedDomainWord("fryslan"), "Fryslân");
  EXPECT_EQ(AccentedDomainWord("Fryslân"), "");    // written with it
  EXPECT_EQ(AccentedDomainWord("Friesland"), "");  // another spelling, no accent lost
  EXPECT_EQ(AccentedDomainWord("Zeeland"), "");    // no accent to lose
  EXPECT_EQ(AccentedDomainWord("Frysl"), "");
}

}  // namespace verdeelscan
