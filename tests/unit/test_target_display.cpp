// The shown form of a target is rebuilt from its driver's parse: whatever the spelling,
// quoting or encoding of a password, the text shown holds none of it.

#include <catch2/catch.hpp>
#include <string>

#include "opsctl/connect/target_display.h"

using opsctl::shown_target;

TEST_CASE("a PostgreSQL URI is shown rebuilt from libpq's parse", "[secrets][target-display]") {
    CHECK(shown_target("postgresql://app:s3cret@db:5432/wh") == "postgresql://app:***@db:5432/wh");
    CHECK(shown_target("postgres://db/wh?sslmode=require") == "postgres://db/wh?sslmode=require");
    // The password as libpq reads it, wherever and however it is written.
    CHECK(shown_target("postgresql://db/wh?PassWord=x") ==
          "(a PostgreSQL target libpq cannot parse)");  // libpq's keys are lower case
    CHECK(shown_target("postgresql://db/wh?pass%77ord=a%26b%20c") == "postgresql://:***@db/wh");
    CHECK(shown_target("postgresql://u%40corp:p%3Aw%40d@db/wh") ==
          "postgresql://u%40corp:***@db/wh");
    CHECK(shown_target("postgresql://db/wh?sslpassword=k3y&sslmode=require") ==
          "postgresql://db/wh?sslmode=require&sslpassword=***");  // libpq's order
    // Hosts that cannot sit in the authority go in the query.
    CHECK(shown_target("postgresql://ops@/wh?host=/run/postgresql&port=5433") ==
          "postgresql://ops@/wh?host=/run/postgresql&port=5433");
    CHECK(shown_target("postgresql://a:5432,b:5433/wh") == "postgresql://a:5432,b:5433/wh");
    CHECK(shown_target("postgresql://[::1]:5432/wh") == "postgresql://[::1]:5432/wh");
    // Nothing from the text is copied through: a control character is encoded.
    CHECK(shown_target("postgresql://db/wh?application_name=a%1bb") ==
          "postgresql://db/wh?application_name=a%1Bb");
}

TEST_CASE("a key=value conninfo is shown as libpq's pairs", "[secrets][target-display]") {
    CHECK(shown_target("host=db dbname=wh user=ops password=s3cret") ==
          "host=db dbname=wh user=ops password=***");
    CHECK(shown_target("password = 'it\\'s a secret' host=db") == "host=db password=***");
    CHECK(shown_target("user=ops host=db application_name='a b'") ==
          "host=db user=ops application_name='a b'");
    CHECK(shown_target("host=db password='ab;cd' sslpassword=x") ==
          "host=db password=*** sslpassword=***");
    CHECK(shown_target("host=db password='unterminated") ==
          "(a PostgreSQL target libpq cannot parse)");
}

TEST_CASE("an ODBC target is shown as its pairs, secrets masked", "[secrets][target-display]") {
    CHECK(
        shown_target("odbc:Driver={PostgreSQL Unicode};Server=db;Uid=ops;Pwd=s3cret;Database=wh") ==
        "odbc:Driver={PostgreSQL Unicode};Server=db;Uid=ops;Pwd=***;Database=wh");
    CHECK(shown_target("odbc:DSN=wh;PWD={a;b}}c};Server=x") == "odbc:DSN=wh;PWD=***;Server=x");
    CHECK(shown_target("odbc:DSN=wh; Password =p;PRIV_KEY_FILE_PWD={k}") ==
          "odbc:DSN=wh;Password=***;PRIV_KEY_FILE_PWD=***");
    CHECK(shown_target("odbc:Driver={a}}b};DSN=wh") == "odbc:Driver={a}}b};DSN=wh");
}

TEST_CASE("file and demo targets are shown as given", "[target-display]") {
    CHECK(shown_target("sqlite:/tmp/wh.db") == "sqlite:/tmp/wh.db");
    CHECK(shown_target("demo") == "demo");
    CHECK(shown_target("demo:faults") == "demo:faults");
}
