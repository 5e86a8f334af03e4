#include "core/document_kind.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace verdeelscan {
namespace {

TEST(DocumentKind, EveryKindHasOneNameAndParsesBack) {
  std::set<std::string_view> names;
  for (const DocumentKindName& k : kDocumentKinds) {
    EXPECT_TRUE(names.insert(k.name).second) << "two kinds named " << k.name;
    EXPECT_EQ(ToString(k.kind), k.name);
    ASSERT_TRUE(ParseDocumentKind(k.name).has_value()) << k.name;
    EXPECT_EQ(*ParseDocumentKind(k.name), k.kind);
  }
  EXPECT_EQ(names.size(), static_cast<size_t>(DocumentKind::kUnknown) + 1);
}

TEST(DocumentKind, UnknownSpellingsAreRefused) {
  EXPECT_FALSE(ParseDocumentKind("Verdeelbesluit").has_value());
  EXPECT_FALSE(ParseDocumentKind("").has_value());
  EXPECT_FALSE(ParseDocumentKind("besluit").has_value());
}

}  // namespace
}  // namespace verdeelscan
