// ingest/ — pulling flows from a partner's SFTP folder into its drop directory (inbox), where
// the normal intake (claim by rename) takes over.
//
// Contract:
//  - One pull() is one poll: list the remote folder, download each regular file whose name
//    is_flow_name accepts and that is stable (same size and modification time as at the
//    previous pull() of this puller object — the first sighting only records it), put it in the
//    inbox, then remove it from the server or move it to `move_to`.
//  - Never lost: a remote file is removed or moved only after its bytes are fsync'd in the inbox
//    under their final name and the inbox folder is fsync'd.
//  - Never taken twice: before the download reaches the inbox, a durable ledger entry in
//    `state_dir` records the remote file (name, size, mtime, SHA-256). A pull() that finds an
//    entry matching the remote file — also in a new process after a crash — only finishes what
//    is left (puts the downloaded copy in the inbox, removes or moves the remote file); it never
//    downloads that file again. A failed removal keeps the entry, so the file stays taken.
//  - The inbox only sees complete files: downloads go to a hidden temporary name (ignored by the
//    intake), their size is checked against the listing, then they are renamed in without
//    replacing anything: a name already waiting gets a variant ("a.xml" -> "a-2.xml"). Move mode
//    never replaces a file in `move_to` either (same variants).
//  - The server must show the pinned host key (SHA-256) before any credential is sent.
//  - Every failure is a value ("SFTP-PULL-…: message" in PullReport::problems); nothing throws
//    for network or disk trouble. Messages never hold the password or key material.
//  - One puller per (source, inbox, state_dir) at a time; a puller is not thread-safe. It keeps
//    one SSH connection open between polls.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "model/result.h"

namespace ingest {

struct SftpSource {
  std::string url;                    // sftp://host[:port]/absolute/folder/ (no credentials in it)
  std::string user;                   // SSH login
  std::filesystem::path private_key;  // key authentication (ed25519 or ECDSA with libssh2 1.10)
  std::filesystem::path public_key;   // default: <private_key>.pub when that file exists
  std::string password;               // alternative (or addition) to the key
  // Base64 SHA-256 of the server's host key as `ssh-keygen -l -E sha256` shows it; "SHA256:"
  // prefix and "=" padding accepted. Required: without it any server would be trusted.
  std::string host_key_sha256;
  enum class After { remove, move };
  After after = After::remove;  // what happens to a remote file once it is in the inbox
  std::string move_to;          // absolute remote folder (After::move); created when missing
  long timeout_ms = 30000;      // connecting, short requests, and a stalled transfer
};

// Validates a source without touching the network. Errors: SFTP-PULL-URL (not sftp://, no host,
// credentials in the URL, no absolute folder), SFTP-PULL-USER, SFTP-PULL-KEY (key file missing,
// or neither key nor password), SFTP-PULL-HOSTKEY (pin missing or malformed), SFTP-PULL-MOVE-TO
// (move without an absolute move_to, or move_to is the folder itself), SFTP-PULL-TIMEOUT.
model::Status check_sftp_source(const SftpSource& source);

struct PullReport {
  std::vector<std::string> taken;     // names of the files put in the inbox by this poll
  std::vector<std::string> problems;  // "SFTP-PULL-<WHAT>: message", one per failure
  int waiting_unstable = 0;  // remote files seen but not yet stable: candidates for a later poll
  int finished = 0;  // remote files removed or moved this poll for an earlier take (after a crash
                     // or a failed removal)
};

class SftpPuller {
 public:
  SftpPuller(SftpPuller&&) noexcept;
  SftpPuller& operator=(SftpPuller&&) noexcept;
  ~SftpPuller();

  // One poll into `inbox` (a partner's drop directory), with the ledger in `state_dir` (both
  // created when missing). Problem codes: SFTP-PULL-CONNECT, -TIMEOUT, -HOSTKEY, -AUTH,
  // -DENIED, -PATH (remote folder not found), -TRANSFER, -FAILED, -LIST (unreadable listing
  // line), -SIZE (download size differs from the listing: retried after the file is stable
  // again), -REMOVE, -MOVE, -INBOX (local disk), -LEDGER (state_dir).
  PullReport pull(const std::filesystem::path& inbox, const std::filesystem::path& state_dir);

  // "sftp user@host:port/folder (host key SHA256:…)", for logs; never a secret.
  std::string describe() const;

  // Test seams: stop pull() right after a step of the first take, as if the process died
  // there; run a function just before each download (e.g. to change the remote file).
  enum class StopAfter { never, download, ledger, inbox };
  struct TestHooks {
    StopAfter stop_after = StopAfter::never;
    std::function<void(const std::string& remote_name)> before_download;
  };
  void set_test_hooks(TestHooks hooks);

  struct Impl;

 private:
  explicit SftpPuller(std::unique_ptr<Impl> impl);
  friend model::Result<SftpPuller> make_sftp_puller(const SftpSource& source);
  std::unique_ptr<Impl> impl_;
};

// check_sftp_source, then a puller (SFTP-PULL-CURL when libcurl cannot start).
model::Result<SftpPuller> make_sftp_puller(const SftpSource& source);

}  // namespace ingest
