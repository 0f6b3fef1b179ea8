// app/updates.h — the status files that travel after intake: status updates from recipients
// (and completions from partners) in, lifecycle messages to partners out.
//
//  - A sender drops files into updates/<sender>/: <sender> is a recipient structure id (its
//    SIRET, as in the referential) or a partner code. One file holds one or many updates
//    (schemas/status-update.xsd, or CSV `invoice_id;key;status;date;reason`).
//  - Each update goes through the store's state machine; a refused one changes nothing and is
//    listed, with its code, in the file's result: update-results/<sender>/RES-<n>-<name>.xml
//    (.csv for a CSV file). The applied file moves to updates-done/<sender>/.
//  - A recipient sees only its own invoices (invoice recipient = sender) and sets the
//    recipient's statuses; a partner sees only the invoices of its flows and sets COMPLETEE
//    (a suspended invoice completed by the supplier), after which the invoice is
//    MISE_A_DISPOSITION again.
//  - MISE_EN_PAIEMENT for a structure that does not manage the payment status
//    (GestionStatutMiseEnPaiement false, or unknown) is recorded hidden from the supplier side:
//    never in a lifecycle message.
//  - Crash safety: a file is first claimed (renamed under a unique name into
//    updates-work/<sender>/); its updates and its row (sender, claimed name) commit together;
//    a claimed file found after a crash is recognised and only its result and move are
//    redone. The same bytes deposited again later are a new file, applied again.
//  - Lifecycle messages: every invoice status change after the store's "lifecycle-messages"
//    cursor, for partners with `lifecycle = true`, as lifecycle/<partner>/CV-<event>.xml.
//    The cursor moves after the files are written, so a crash rewrites (same names, same
//    bytes), never skips.
// One thread at a time: both use the caller's store.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "app/config.h"
#include "app/referential_source.h"
#include "lifecycle/lifecycle.h"

namespace app {

struct UpdatesRound {
  std::vector<lifecycle::UpdateFileResult> files;  // every file handled, in order
  std::vector<std::string> problems;  // operational: a file that could not be read or moved
};

class UpdateIntake {
 public:
  UpdateIntake(const Config& config, ReferentialSource& referentials, lifecycle::Store& store);

  // Applies the files a crash left in updates-work/*/, then those waiting in updates/*/ whose
  // last change is at least `min_age` old (hidden and temporary names never), oldest first per
  // sender.
  UpdatesRound apply_waiting(std::chrono::milliseconds min_age = {});

 private:
  lifecycle::UpdateFileResult apply_file(const std::string& sender,
                                         const std::filesystem::path& file);

  const Config& config_;
  ReferentialSource& referentials_;
  lifecycle::Store& store_;
};

// Writes the lifecycle messages of the status changes since the last call; returns how many
// files were written. Throws on a store or disk failure (the cursor then stays).
int write_lifecycle_messages(const Config& config, lifecycle::Store& store);

}  // namespace app
