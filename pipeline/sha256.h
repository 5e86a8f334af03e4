// SHA-256 of a byte string, for source.sha256: the identity of an input file in
// records and batch catalogues. Computed by Debian's nettle (the GnuTLS
// project's low-level crypto library), which is reviewed, tested against the
// FIPS 180-4 vectors and uses the CPU's SHA extensions where there are some;
// hashing a file costs far less than reading one page of it.
#ifndef VERDEELSCAN_PIPELINE_SHA256_H_
#define VERDEELSCAN_PIPELINE_SHA256_H_

#include <nettle/sha2.h>

#include <string>
#include <string_view>

namespace verdeelscan {

// Incremental form, for files read in chunks (memory stays at one chunk).
class Sha256 {
 public:
  Sha256();
  void Update(std::string_view data);
  // Lower-case hex, 64 characters, of everything fed so far; Update may go on.
  std::string HexDigest() const;

 private:
  sha256_ctx ctx_;
};

// Lower-case hex digest, 64 characters.
std::string Sha256Hex(std::string_view data);

// Digest of a file's bytes, read in 1 MiB chunks; "" when it cannot be read.
std::string FileSha256(const std::string& path);

}  // namespace verdeelscan

#endif  // VERDEELSCAN_PIPELINE_SHA256_H_
