// What a file we cannot read is, in words a user recognises ("Microsoft Word
// 2007+", "Zip archive data", "gzip compressed data"), from libmagic (the
// database of file(1)). Our own sniffing (extractors/ingest SniffFile)
// decides what we read; libmagic only names what we do not, so that the
// failed record says what the file is and what to do with it.
//
// Cost: loading libmagic's database, ~10 ms, per call; called only for files
// already refused.
#ifndef VERDEELSCAN_PIPELINE_CONTENT_DESCRIPTION_H_
#define VERDEELSCAN_PIPELINE_CONTENT_DESCRIPTION_H_

#include <string>

namespace verdeelscan {

// libmagic's description of the file's content up to its first comma (the
// kind, without details), or "" when libmagic or its database cannot tell.
std::string DescribeContent(const std::string& path);

}  // namespace verdeelscan

#endif  // VERDEELSCAN_PIPELINE_CONTENT_DESCRIPTION_H_
