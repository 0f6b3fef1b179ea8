// Xerces is initialised once for the whole test program, as fluxd does in main().
#include <boost/test/unit_test.hpp>

#include "ingest/ingest.h"

namespace {
struct XercesPlatform {
  ingest::XmlPlatform platform;
};
}  // namespace

BOOST_TEST_GLOBAL_FIXTURE(XercesPlatform);
