#include "extractors/documents/toelichting.h"

#include <gtest/gtest.h>

#include "extractors/ingest/text_dump.h"

namespace verdeelscan {
namespace {

TextDocument Doc(const std::string& text) {
  StatusOr<TextDocument> d = TextDocumentFromString(text);
  EXPECT_TRUE(d.ok());
  return *d;
}

BesluitProse ReadAll(const TextDocument& d) {
  return ReadBesluitProse(d, 0, static_cast<int>(d.lines.size()) - 1);
}

std::vector<std::string> Names(const std::vector<NameMention>& ms) {
  std::vector<std::string> out;
  for (const NameMention& m : ms) out.push_back(m.municipality->name);
  return out;
}

TEST(ReadBesluitProse, Seed001) {
  StatusOr<TextDocument> d =
      LoadTextDump(std::string(VERDEELSCAN_SOURCE_DIR) + "/samples/seeds/001_6cd23678e9073bd3.txt");
  ASSERT_TRUE(d.ok());
  // Lines 205..1480 hold the besluit and its toelichting (0-based 204..1479).
  BesluitProse p = ReadBesluitProse(*d, 204, 1479);
  EXPECT_EQ(p.province, "Overijssel");
  EXPECT_EQ(p.date, "2024-12-20");  // printed "2O december 2O24"
  EXPECT_EQ(p.reference, "6015733");
  EXPECT_EQ(p.opgave.regulier, 5787);
  EXPECT_EQ(p.opgave.amv, 538);
  EXPECT_EQ(p.overgenomen.regulier, 3851);  // printed "3. 851"
  EXPECT_EQ(p.overgenomen.amv, 130);
  EXPECT_EQ(p.restopgave.regulier, 1936);  // printed "1. 936"
  EXPECT_EQ(p.restopgave.amv, 408);
  EXPECT_EQ(p.stated_receivers_regulier, 16);
  EXPECT_EQ(p.stated_receivers_amv, 15);
  EXPECT_EQ(Names(p.excluded),
            (std::vector<std::string>{"Almelo", "Deventer", "Hardenberg", "Hengelo", "Kampen",
                                      "Rijssen-Holten", "Tubbergen", "Borne"}));
  ASSERT_EQ(p.receivers.size(), 17u);
  int regulier = 0, amv = 0;
  for (const NameMention& m : p.receivers) {
    regulier += m.regulier;
    amv += m.amv;
    if (m.municipality->name == "Enschede") {
      EXPECT_TRUE(!m.regulier && m.amv);
    }
    if (m.municipality->name == "Wierden") {
      EXPECT_TRUE(m.regulier && !m.amv);
    }
    // "regultreren a mv) Losser": the annotation precedes its name.
    if (m.municipality->name == "Losser") {
      EXPECT_TRUE(m.regulier && m.amv);
    }
  }
  EXPECT_EQ(regulier, 16);
  EXPECT_EQ(amv, 16);  // the document says 15: a finding for the pipeline
}

TEST(ReadBesluitProse, OtherProvinceCleanText) {
  TextDocument d = Doc(
      "Besluit van de Minister van Asiel en Migratie van 20 december 2024, nr. 6015740,\n"
      "houdende de verdeling van asielopvangplaatsen over de provincie Noord-Holland\n"
      "Toelichting\n"
      "De provincie Noord-Holland heeft een opgave van 14.153 reguliere opvangplaatsen en\n"
      "1.262 amv-opvangplaatsen. Na het overnemen komt de provincie uit op 12.000 reguliere\n"
      "opvangplaatsen en 1.000 amv-opvangplaatsen. Er moet een restopgave van 2.153 reguliere\n"
      "opvangplaatsen en 262 amv-opvangplaatsen worden ingevuld.\n"
      "Bij de verdeling van de restopgave zijn de volgende gemeenten uitgesloten: Amsterdam,\n"
      "Haarlem en Zaanstad.\n"
      "De restopgave reguliere opvangplaatsen is verdeeld over 2 gemeenten en de restopgave\n"
      "amv-opvangplaatsen verdeeld over 1 gemeenten. De restopgave is verdeeld over de volgende\n"
      "gemeenten: Bloemendaal (regulier en amv), Heemstede (regulier)\n"
      "De Minister van Asiel en Migratie\n");
  BesluitProse p = ReadAll(d);
  EXPECT_EQ(p.province, "Noord-Holland");
  EXPECT_EQ(p.reference, "6015740");
  EXPECT_EQ(p.opgave.regulier, 14153);
  EXPECT_EQ(p.opgave.amv, 1262);
  EXPECT_EQ(p.overgenomen.regulier, 12000);
  EXPECT_EQ(p.restopgave.amv, 262);
  EXPECT_EQ(Names(p.excluded), (std::vector<std::string>{"Amsterdam", "Haarlem", "Zaanstad"}));
  ASSERT_EQ(Names(p.receivers), (std::vector<std::string>{"Bloemendaal", "Heemstede"}));
  EXPECT_TRUE(p.receivers[0].regulier && p.receivers[0].amv);
  EXPECT_TRUE(p.receivers[1].regulier && !p.receivers[1].amv);
  EXPECT_EQ(p.stated_receivers_regulier, 2);
  EXPECT_EQ(p.stated_receivers_amv, 1);
}

// A fax loses the thousands dot: "5 754 reguliere" is one number, not an amv
// figure of 5 and a regulier figure of 754 (the 198 amv then went unread).
TEST(ReadBesluitProse, ThousandsDotLostToASpace) {
  TextDocument d = Doc(
      "De provincie Drenthe heeft een opgave van 5 754 reguliere opvangplaatsen en 198\n"
      "amv-opvangplaatsen. Deze opgave is met dit besluit volledig over de gemeenten verdeeld.\n");
  BesluitProse p = ReadAll(d);
  EXPECT_EQ(p.opgave.regulier, 5754);
  EXPECT_EQ(p.opgave.amv, 198);
  // Two figures with their own type words stay two.
  TextDocument two =
      Doc("heeft een opgave van 754 reguliere opvangplaatsen en 198 amv-opvangplaatsen.\n");
  EXPECT_EQ(ReadAll(two).opgave.regulier, 754);
  EXPECT_EQ(ReadAll(two).opgave.amv, 198);
}

// Sweep photocopy-038 (seed 99700): a light 150 dpi photocopy read
// "opgave" as "opguve", so the table's column sums had no target.
TEST(ReadBesluitProse, OpgaveWithADamagedVowel) {
  BesluitProse p = ReadAll(
      Doc("De provincie Gelderland heeft een opguve van 7.197 reguliere opvangplaatsen en 364\n"
          "amv-opvangpluatsen. Er moet een restopqave vun 2.153 reguliere opvangplaatsen en\n"
          "262 amv-opvangplaatsen worden verdeeld.\n"));
  EXPECT_EQ(p.opgave.regulier, 7197);
  EXPECT_EQ(p.opgave.amv, 364);
  EXPECT_EQ(p.restopgave.regulier, 2153);
  EXPECT_EQ(p.restopgave.amv, 262);
  // Another word of that shape is no opgave.
  EXPECT_FALSE(ReadAll(Doc("Het opgeven van 12 namen en 30 adressen.\n")).opgave.any());
}

// Sweep fax-001 (seed 99700): the toelichting's sentence ran over a page
// break, and the page number between its halves was read as the amv figure.
TEST(ReadBesluitProse, PageNumberAtABreakIsNoFigure) {
  for (const char* number : {"Pagina 1", "Pagina 1 van 2", "- 1 -", "-1-"}) {
    SCOPED_TRACE(number);
    BesluitProse p = ReadAll(Doc(std::string("De provincie Groningen heeft een opgave van 3.047 "
                                             "reguliere\n") +
                                 number +
                                 "\n\fopvangplaatsen en 225 amv-opvangplaatsen. Deze opgave is "
                                 "met dit besluit volledig verdeeld.\n"));
    EXPECT_EQ(p.opgave.regulier, 3047);
    EXPECT_EQ(p.opgave.amv, 225);
  }
}

TEST(ReadBesluitProse, AbsentFiguresStayAbsent) {
  TextDocument d = Doc("Besluit van de Minister\nover de provincie Zeeland\nGeen cijfers hier.\n");
  BesluitProse p = ReadAll(d);
  EXPECT_EQ(p.province, "Zeeland");
  EXPECT_FALSE(p.opgave.any());
  EXPECT_FALSE(p.restopgave.any());
  EXPECT_TRUE(p.date.empty());
  EXPECT_TRUE(p.reference.empty());
  EXPECT_FALSE(p.has_receivers);
}

TEST(FindMunicipalities, DamagedNamesInRunningText) {
  std::vector<NameMention> m = FindMunicipalities(
      "Gemeente Almelo , Deventer en Hardenberq ; Hof van Twente, KamDen", "Overijssel");
  EXPECT_EQ(Names(m), (std::vector<std::string>{"Almelo", "Deventer", "Hardenberg",
                                                "Hof van Twente", "Kampen"}));
  EXPECT_EQ(m[4].raw, "KamDen");
}

TEST(FindMunicipalities, OrdinaryWordsAreNotNames) {
  EXPECT_TRUE(FindMunicipalities("de restopgave is verdeeld over een aantal gemeenten volgens de "
                                 "methode die in hoofdstuk 2 is toegelicht",
                                 "Overijssel")
                  .empty());
}

}  // namespace
}  // namespace verdeelscan
