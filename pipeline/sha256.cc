#include "pipeline/sha256.h"

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <vector>

namespace verdeelscan {

Sha256::Sha256() { sha256_init(&ctx_); }

void Sha256::Update(std::string_view data) {
  sha256_update(&ctx_, data.size(), reinterpret_cast<const uint8_t*>(data.data()));
}

std::string Sha256::HexDigest() const {
  // nettle's digest resets the context it finishes; finish a copy so the
  // running hash can go on.
  sha256_ctx finished = ctx_;
  uint8_t digest[SHA256_DIGEST_SIZE];
  sha256_digest(&finished, sizeof digest, digest);
  std::string out;
  char buf[3];
  for (uint8_t byte : digest) {
    std::snprintf(buf, sizeof buf, "%02x", byte);
    out += buf;
  }
  return out;
}

std::string Sha256Hex(std::string_view data) {
  Sha256 sha;
  sha.Update(data);
  return sha.HexDigest();
}

std::string FileSha256(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "";
  Sha256 sha;
  std::vector<char> chunk(1 << 20);
  while (in) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    sha.Update(std::string_view(chunk.data(), static_cast<size_t>(in.gcount())));
  }
  if (in.bad()) return "";
  return sha.HexDigest();
}

}  // namespace verdeelscan
