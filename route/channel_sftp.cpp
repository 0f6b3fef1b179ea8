// SFTP push through libcurl (libssh2): key authentication, pinned host key, upload to a
// temporary name then publish by rename, skip what the server already has.
#include <cstring>

#include "route/channel_curl.h"
#include "route/route.h"

namespace route::detail {

namespace {

// Quote commands take paths in double quotes; libcurl unescapes \" and \\ inside them.
std::string quoted(const std::string& path) {
  std::string out = "\"";
  for (char c : path) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out + "\"";
}

struct Upload {
  std::string_view bytes;
  std::size_t sent = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const std::size_t n = std::min(size * count, upload->bytes.size() - upload->sent);
  std::memcpy(buffer, upload->bytes.data() + upload->sent, n);
  upload->sent += n;
  return n;
}

class SftpChannel final : public Channel {
 public:
  SftpChannel(const ChannelConfig& config, Url url, std::filesystem::path public_key,
              std::string pin, CurlHandle handle)
      : name_(config.name),
        url_(std::move(url)),
        user_(config.user),
        private_key_(config.private_key.string()),
        public_key_(public_key.string()),
        pin_(std::move(pin)),
        timeout_ms_(config.timeout_ms),
        curl_(std::move(handle)) {
    while (url_.path.size() > 1 && url_.path.back() == '/') url_.path.pop_back();
  }

  Attempt deliver(const Parcel& parcel) override {
    if (auto problem = parcel_problem(parcel); !problem.empty()) {
      return Attempt{Outcome::permanent, "", "DELIVERY-PARCEL", problem};
    }
    const std::string folder = url_.path + "/" + safe_path_component(parcel.recipient) + "/" +
                               safe_path_component(parcel.service);
    const std::string invoice = folder + "/" + parcel.file_name;
    const std::string sidecar = folder + "/" + sidecar_name(parcel.file_name);
    const std::string invoice_part = folder + "/." + parcel.file_name + ".part";
    const std::string sidecar_part = folder + "/." + sidecar_name(parcel.file_name) + ".part";
    const std::string where = url_for(invoice);

    // A previous attempt may have published the invoice without its success being recorded:
    // then the recipient already has it, and uploading again could hand it over twice.
    auto before = exists(invoice);
    if (before.rc == CURLE_OK) {
      return Attempt{Outcome::delivered, where, "", "already on the server: " + where};
    }
    if (before.rc != CURLE_REMOTE_FILE_NOT_FOUND) return failure(before, "checking " + where);

    // Attachments first, each published like the invoice: skipped when already there (an
    // interrupted attempt published it; same name, same bytes), else .part then rename.
    const auto names = attachment_file_names(parcel);
    for (std::size_t i = 0; i < names.size(); ++i) {
      auto published = publish_once(folder, names[i], parcel.attachments[i].bytes);
      if (published.rc != CURLE_OK)
        return failure(published, "uploading " + url_for(folder + "/" + names[i]));
    }

    // The sidecar may be left from an interrupted attempt, and OpenSSH's rename refuses to
    // replace a file: remove it first ("*" = ignore failure when it is not there). The invoice
    // is the commit point, so a missing sidecar in between is harmless.
    const std::string sidecar_bytes = sidecar_json(parcel);
    auto meta = upload(
        sidecar_part, sidecar_bytes,
        {"*rm " + quoted(sidecar), "rename " + quoted(sidecar_part) + " " + quoted(sidecar)});
    if (meta.rc != CURLE_OK) return failure(meta, "uploading " + url_for(sidecar));

    auto sent = upload(invoice_part, parcel.bytes,
                       {"rename " + quoted(invoice_part) + " " + quoted(invoice)});
    if (sent.rc == CURLE_QUOTE_ERROR) {
      // The rename failed: if the invoice is there now, someone else published it (another
      // node, a concurrent retry) and it is delivered; drop our temporary copy.
      if (exists(invoice).rc == CURLE_OK) {
        cleanup(invoice, invoice_part);
        return Attempt{Outcome::delivered, where, "", "already on the server: " + where};
      }
    }
    if (sent.rc != CURLE_OK) return failure(sent, "uploading " + where);
    return Attempt{Outcome::delivered, where, "", "uploaded to " + where};
  }

  std::string describe() const override {
    return "sftp " + user_ + "@" + url_.host + (url_.port.empty() ? "" : ":" + url_.port) +
           url_.path + " (host key SHA256:" + pin_ + ")" +
           (name_.empty() ? "" : " (" + name_ + ")");
  }

 private:
  struct Reply {
    CURLcode rc = CURLE_OK;
    std::string text;
  };

  std::string url_for(const std::string& path) const {
    std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> url{curl_url(), &curl_url_cleanup};
    const std::string base =
        url_.scheme + "://" + url_.host + (url_.port.empty() ? "" : ":" + url_.port);
    char* text = nullptr;
    std::string out = base + path;  // fallback: only safe characters are ever added to the path
    if (url && curl_url_set(url.get(), CURLUPART_URL, base.c_str(), 0) == CURLUE_OK &&
        curl_url_set(url.get(), CURLUPART_PATH, path.c_str(), CURLU_URLENCODE) == CURLUE_OK &&
        curl_url_get(url.get(), CURLUPART_URL, &text, 0) == CURLUE_OK) {
      out = text;
      curl_free(text);
    }
    return out;
  }

  // Resets the handle (keeps its live connection: one SSH session serves every request) and
  // sets what every request needs.
  void prepare(const std::string& path) {
    CURL* h = curl_.get();
    curl_easy_reset(h);
    error_[0] = '\0';
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error_);
    curl_easy_setopt(h, CURLOPT_URL, url_for(path).c_str());
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "sftp");
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms_);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, timeout_ms_);
    curl_easy_setopt(h, CURLOPT_PROXY, "");  // never an environment proxy
    curl_easy_setopt(h, CURLOPT_USERNAME, user_.c_str());
    curl_easy_setopt(h, CURLOPT_SSH_AUTH_TYPES, static_cast<long>(CURLSSH_AUTH_PUBLICKEY));
    curl_easy_setopt(h, CURLOPT_SSH_PRIVATE_KEYFILE, private_key_.c_str());
    if (!public_key_.empty()) curl_easy_setopt(h, CURLOPT_SSH_PUBLIC_KEYFILE, public_key_.c_str());
    curl_easy_setopt(h, CURLOPT_SSH_HOST_PUBLIC_KEY_SHA256, pin_.c_str());
  }

  Reply perform() {
    Reply reply;
    reply.rc = curl_easy_perform(curl_.get());
    if (reply.rc != CURLE_OK) reply.text = curl_text(reply.rc, error_);
    return reply;
  }

  // A stat of the remote file: CURLE_OK when it exists, CURLE_REMOTE_FILE_NOT_FOUND when not.
  Reply exists(const std::string& path) {
    prepare(path);
    curl_easy_setopt(curl_.get(), CURLOPT_NOBODY, 1L);
    return perform();
  }

  // Uploads `bytes` to `path` (creating missing folders), then runs `after` on the server.
  Reply upload(const std::string& path, std::string_view bytes,
               const std::vector<std::string>& after) {
    prepare(path);
    CURL* h = curl_.get();
    Upload source{bytes};
    CurlList commands;
    for (const auto& command : after) {
      curl_slist* grown = curl_slist_append(commands.get(), command.c_str());
      if (grown == nullptr) return Reply{CURLE_OUT_OF_MEMORY, "out of memory"};
      (void)commands.release();
      commands.reset(grown);
    }
    curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(h, CURLOPT_READFUNCTION, read_upload);
    curl_easy_setopt(h, CURLOPT_READDATA, &source);
    curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(bytes.size()));
    curl_easy_setopt(h, CURLOPT_FTP_CREATE_MISSING_DIRS, static_cast<long>(CURLFTP_CREATE_DIR));
    curl_easy_setopt(h, CURLOPT_POSTQUOTE, commands.get());
    return perform();
  }

  // Publishes `name` in `folder` unless it is already there: upload to .<name>.part, then
  // rename. CURLE_OK when the file is there afterwards (ours or another attempt's).
  Reply publish_once(const std::string& folder, const std::string& name, std::string_view bytes) {
    const std::string target = folder + "/" + name;
    const std::string part = folder + "/." + name + ".part";
    auto before = exists(target);
    if (before.rc != CURLE_REMOTE_FILE_NOT_FOUND) return before;  // there (OK), or trouble
    auto sent = upload(part, bytes, {"rename " + quoted(part) + " " + quoted(target)});
    if (sent.rc == CURLE_QUOTE_ERROR && exists(target).rc == CURLE_OK) {
      cleanup(target, part);  // published meanwhile by a concurrent attempt
      return Reply{};
    }
    return sent;
  }

  // Best effort: removes a temporary file we no longer need.
  void cleanup(const std::string& existing, const std::string& leftover) {
    prepare(existing);
    CurlList commands{curl_slist_append(nullptr, ("*rm " + quoted(leftover)).c_str())};
    curl_easy_setopt(curl_.get(), CURLOPT_NOBODY, 1L);
    curl_easy_setopt(curl_.get(), CURLOPT_POSTQUOTE, commands.get());
    (void)perform();
  }

  Attempt failure(const Reply& reply, const std::string& doing) const {
    auto kind = classify(reply.rc, "DELIVERY-SFTP");
    return Attempt{kind.outcome, "", kind.code, doing + ": " + reply.text};
  }

  std::string name_;
  Url url_;
  std::string user_;
  std::string private_key_;
  std::string public_key_;
  std::string pin_;
  long timeout_ms_;
  CurlHandle curl_;
  char error_[CURL_ERROR_SIZE] = {};
};

}  // namespace

std::unique_ptr<Channel> make_sftp_channel(const ChannelConfig& config, Url url,
                                           std::filesystem::path public_key, std::string pin,
                                           CurlHandle handle) {
  return std::make_unique<SftpChannel>(config, std::move(url), std::move(public_key),
                                       std::move(pin), std::move(handle));
}

}  // namespace route::detail
