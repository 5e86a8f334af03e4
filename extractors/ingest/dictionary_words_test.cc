#include "extractors/ingest/dictionary_words.h"

#include <gtest/gtest.h>
#include <tesseract/baseapi.h>

namespace verdeelscan {
namespace {

// Tesseract's Dutch word lists (Debian: tesseract-ocr-nld), as the product
// loads them.
class DictionaryWordsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    api_ = new tesseract::TessBaseAPI;
    ASSERT_EQ(api_->Init(nullptr, "nld", tesseract::OEM_LSTM_ONLY), 0) << "tesseract-ocr-nld";
  }
  static void TearDownTestSuite() {
    delete api_;
    api_ = nullptr;
  }
  static tesseract::TessBaseAPI* api_;
};
tesseract::TessBaseAPI* DictionaryWordsTest::api_ = nullptr;

TEST_F(DictionaryWordsTest, WordsAndCompoundsOfTheDictionaryAreKnown) {
  for (const char* word : {"secretarissen", "overleg", "opvangplaatsen", "vervolgsessie",
                           "verdelingsbesluit", "gemeenteraad", "aanmeldcentrum,", "(regietafel)"})
    EXPECT_TRUE(DictionaryKnows(*api_, word)) << word;
}

TEST_F(DictionaryWordsTest, ACompoundOneSlipFromADictionaryWordIsUnknown) {
  // A photocopy of lettergen seed 6615: "secret" + "anssen" and "secreta" +
  // "sissen" are both words of the dictionary, but the reading is
  // "secretarissen" with "ri" read as "n", or "r" as "s".
  EXPECT_FALSE(DictionaryKnows(*api_, "secretanssen"));
  EXPECT_FALSE(DictionaryKnows(*api_, "secretasissen"));
  // No cut of "boveri" (an office scan of seed 6000, for "boven") joins two
  // words of four letters or more.
  EXPECT_FALSE(DictionaryKnows(*api_, "boveri"));
}

TEST_F(DictionaryWordsTest, AHyphenatedWordIsJudgedByItsLowerCaseParts) {
  EXPECT_FALSE(DictionaryKnows(*api_, "PRT-secretanssen"));
  EXPECT_FALSE(DictionaryKnows(*api_, "PRT-secretasissen"));
  for (const char* word : {"PRT-secretarissen", "PRT-overleg", "amv-opvangplaatsen", "e-mail",
                           "Noord-Brabant", "'s-Hertogenbosch"})
    EXPECT_TRUE(DictionaryKnows(*api_, word)) << word;
}

TEST_F(DictionaryWordsTest, WhatNoDictionaryJudgesIsKnown) {
  for (const char* word : {"7760046", "2025-0012", "—", "één", "z.s.m.", "PRT", "Xq", "4a"})
    EXPECT_TRUE(DictionaryKnows(*api_, word)) << word;
}

}  // namespace
}  // namespace verdeelscan
