#include "app/updates.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <set>
#include <stdexcept>

#include "ingest/ingest.h"
#include "ingest/status_updates.h"
#include "model/durable.h"
#include "model/status.h"

namespace app {

namespace fs = std::filesystem;
using model::InvoiceStatus;

namespace {

constexpr std::string_view kLifecycleCursor = "lifecycle-messages";

// What a recipient may say of its invoices (DOMAIN.md "Invoice lifecycle"); intake statuses
// and COMPLETEE (the supplier's) are not theirs.
bool recipient_may_set(InvoiceStatus status) {
  switch (status) {
    case InvoiceStatus::service_fait:
    case InvoiceStatus::mandatee:
    case InvoiceStatus::a_recycler:
    case InvoiceStatus::suspendue:
    case InvoiceStatus::rejetee:
    case InvoiceStatus::mise_a_disposition_comptable:
    case InvoiceStatus::comptabilisee:
    case InvoiceStatus::mise_en_paiement:
      return true;
    default:
      return false;
  }
}

std::string tomorrow_utc() {
  const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  const std::chrono::year_month_day day{today + std::chrono::days(1)};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(day.year()),
                     static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
}

// "line 7" → 7 (the reader's location of a CSV line finding).
std::size_t line_of(std::string_view location) {
  std::size_t line = 0;
  const auto digits = location.find_first_of("0123456789");
  if (digits != std::string_view::npos)
    std::from_chars(location.data() + digits, location.data() + location.size(), line);
  return line;
}

std::string format_guess(std::string_view bytes, const model::Error& error) {
  const auto first = bytes.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (first != std::string_view::npos && bytes[first] == '<') return "xml";
  return error.code == "UPD-UNKNOWN-FORMAT" || error.code == "UPD-TOO-LARGE" ? "" : "csv";
}

}  // namespace

UpdateIntake::UpdateIntake(const Config& config, ReferentialSource& referentials,
                           lifecycle::Store& store)
    : config_(config), referentials_(referentials), store_(store) {}

UpdatesRound UpdateIntake::apply_waiting(std::chrono::milliseconds min_age) {
  UpdatesRound round;
  std::vector<std::string> senders;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(config_.updates, ec))
    if (entry.is_directory()) senders.push_back(entry.path().filename().string());
  std::sort(senders.begin(), senders.end());
  const auto now = fs::file_time_type::clock::now();
  auto apply = [&](const std::string& sender, const fs::path& claimed) {
    try {
      round.files.push_back(apply_file(sender, claimed));
    } catch (const std::exception& e) {
      round.problems.push_back(
          fmt::format("updates/{}/{}: {}", sender, ingest::original_name_of(claimed), e.what()));
    }
  };
  for (const auto& sender : senders) {
    // Files a crash left claimed come first: applied or not, the store knows.
    for (const auto& left : ingest::waiting_files(config_.updates_work / sender))
      apply(sender, left);
    for (const auto& file : ingest::waiting_files(config_.updates / sender)) {
      std::error_code age_ec;
      const auto changed = fs::last_write_time(file, age_ec);
      if (age_ec || now - changed < min_age) continue;  // may still be being written
      // The claim's unique name makes each deposit its own file, even with the same bytes.
      auto claimed = ingest::claim_flow(file, config_.updates_work / sender);
      if (claimed) apply(sender, claimed->work_path);
    }
  }
  return round;
}

lifecycle::UpdateFileResult UpdateIntake::apply_file(const std::string& sender,
                                                     const fs::path& file) {
  lifecycle::UpdateFileResult result;
  result.sender = sender;
  result.file_name = ingest::original_name_of(file);
  const std::string claimed_name = file.filename().string();
  result.received_at = lifecycle::now_utc();
  auto sha = ingest::sha256_file(file);
  if (!sha) throw std::runtime_error(sha.error().message);
  result.sha256 = *sha;

  // `file` is in updates-work/. Applied before a crash cut the hand-off: only the result file
  // and the move are redone.
  auto finish = [&](const lifecycle::UpdateFileResult& r) {
    lifecycle::write_update_result(config_.update_results, r);
    const auto kept =
        config_.updates_done / sender / fmt::format("{:010}-{}", r.number, r.file_name);
    if (auto moved = model::move_durably(file, kept); !moved)
      throw std::runtime_error(moved.error().message);
  };
  if (auto known = store_.update_file_result(sender, claimed_name)) {
    auto earlier = lifecycle::update_result_from_json(*known);
    if (!earlier)
      throw std::runtime_error("stored result of an earlier update file cannot be read");
    finish(*earlier);
    return *earlier;
  }

  const Partner* partner = nullptr;
  for (const auto& p : config_.partners)
    if (p.code == sender) partner = &p;
  const auto referential = referentials_.current();
  const std::string source = (partner ? "partner:" : "recipient:") + sender;

  // Read before the transaction: the file-level verdict first.
  std::optional<ingest::StatusUpdateFile> parsed;
  std::error_code size_ec;
  const auto size = fs::file_size(file, size_ec);
  if (size_ec) throw std::runtime_error(file.string() + ": " + size_ec.message());
  if (size > ingest::kMaxStatusUpdateBytes) {
    result.file_code = "UPD-TOO-LARGE";
    result.file_message = fmt::format("{} bytes; at most {}", size, ingest::kMaxStatusUpdateBytes);
  } else {
    auto bytes = model::read_file(file);
    if (!bytes) throw std::runtime_error(bytes.error().message);
    auto read = ingest::read_status_updates(*bytes);
    if (!read) {
      result.format = format_guess(*bytes, read.error());
      result.file_code = read.error().code;
      result.file_message = read.error().message;
    } else {
      result.format = read->format;  // the result answers in the sender's format
      parsed = std::move(*read);
    }
  }
  if (!partner && !referential->structure(sender)) {
    parsed.reset();
    result.file_code = "UPD-SENDER-UNKNOWN";
    result.file_message = fmt::format(
        "updates/{}: the folder names neither a structure of the referential nor a partner",
        sender);
  }

  // Whose invoice an update may touch: a recipient its own, a partner those of its flows.
  auto owns = [&](const lifecycle::InvoiceSummary& s) {
    return partner ? s.partner == sender : s.invoice.record.recipient_id == sender;
  };
  const std::string tomorrow = tomorrow_utc();
  auto apply = [&](const ingest::StatusUpdate& u) {
    lifecycle::UpdateOutcome o;
    o.line = u.line;
    o.reference = u.invoice_id ? std::to_string(*u.invoice_id) : u.invoice_key;
    o.status = u.status;
    o.date = u.date;
    auto refuse = [&](std::string code, std::string message) {
      o.code = std::move(code);
      o.message = std::move(message);
      return o;
    };
    const auto to = model::invoice_status_from_code(u.status);
    if (!to) return refuse("UPD-STATUS-UNKNOWN", "'" + u.status + "' is no invoice status");
    if (partner ? *to != InvoiceStatus::completee : !recipient_may_set(*to))
      return refuse("UPD-STATUS-NOT-ALLOWED",
                    fmt::format("a {} does not set {}", partner ? "partner" : "recipient",
                                model::to_code(*to)));
    if (u.date > tomorrow)
      return refuse("UPD-DATE-IN-FUTURE", "the status date " + u.date + " is in the future");
    std::optional<lifecycle::InvoiceSummary> target;
    if (u.invoice_id) {
      if (auto detail = store_.invoice(*u.invoice_id); detail && owns(detail->summary))
        target = detail->summary;
    } else {
      // Newest first: an invoice sent again wins over its recycled original, and a live one
      // over a rejected copy (a duplicate sent by mistake has the same key).
      for (auto& s : store_.invoices_with_key(u.invoice_key)) {
        if (!owns(s)) continue;
        const bool live = s.invoice.status != InvoiceStatus::rejetee;
        if (!target || (live && target->invoice.status == InvoiceStatus::rejetee))
          target = std::move(s);
        if (live) break;
      }
    }
    if (!target)
      return refuse("UPD-INVOICE-UNKNOWN",
                    fmt::format("no invoice '{}' for {}", o.reference, sender));
    o.invoice_id = target->invoice.id;
    lifecycle::ChangeDetails details{u.date, true};
    if (*to == InvoiceStatus::mise_en_paiement) {
      const auto* structure = referential->structure(target->invoice.record.recipient_id);
      details.shown_to_supplier = structure && structure->manages_payment_status;
    }
    if (auto changed =
            store_.set_invoice_status(o.invoice_id.value(), *to, source, u.reason, details);
        !changed)
      return refuse(changed.error().code, changed.error().message);
    if (*to == InvoiceStatus::completee) {
      // Completed by the supplier: back in the recipient's hands.
      if (auto back =
              store_.set_invoice_status(o.invoice_id.value(), InvoiceStatus::mise_a_disposition,
                                        "fluxd", "completed by the supplier");
          !back)
        throw std::runtime_error(back.error().code + ": " + back.error().message);
    }
    o.applied = true;
    return o;
  };

  store_.begin();
  try {
    result.number = store_.record_update_file(sender, claimed_name, result.file_name, result.sha256,
                                              result.received_at);
    if (parsed) {
      for (const auto& finding : parsed->findings) {
        lifecycle::UpdateOutcome o;
        o.line = line_of(finding.location);
        o.code = finding.rule;
        o.message = finding.message;
        result.outcomes.push_back(std::move(o));
      }
      for (const auto& update : parsed->updates) result.outcomes.push_back(apply(update));
      std::stable_sort(result.outcomes.begin(), result.outcomes.end(),
                       [](const auto& a, const auto& b) { return a.line < b.line; });
    }
    store_.set_update_file_result(result.number, lifecycle::update_result_json(result));
    store_.commit();
  } catch (...) {
    store_.rollback();
    throw;
  }
  finish(result);
  return result;
}

int write_lifecycle_messages(const Config& config, lifecycle::Store& store) {
  std::set<std::string> receiving;
  for (const auto& p : config.partners)
    if (p.lifecycle_messages) receiving.insert(p.code);
  int written = 0;
  std::int64_t cursor = store.cursor(kLifecycleCursor);
  for (;;) {
    const auto events = store.history_after(cursor, 500);
    if (events.empty()) break;
    for (const auto& e : events) {
      if (e.kind != "invoice" || !e.change.shown_to_supplier || !receiving.count(e.partner))
        continue;
      lifecycle::write_lifecycle_message(config.lifecycle, e);
      ++written;
    }
    cursor = events.back().id;
    store.set_cursor(kLifecycleCursor, cursor);
  }
  return written;
}

}  // namespace app
