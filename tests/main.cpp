// The single Boost.Test entry point linked into every test program.
#define BOOST_TEST_MODULE fluxd
#include <boost/test/unit_test.hpp>
