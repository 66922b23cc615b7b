-- One table per profile. `email_key` is Email::uniqueness_key (unique per account for
-- the Juice and account profiles; NULL for billing customers). `created_at` is the
-- sortable text form, `document` the stored customer as JSON.
CREATE TABLE customers (
    account    TEXT NOT NULL,
    id         TEXT NOT NULL PRIMARY KEY,
    created_at TEXT NOT NULL,
    email_key  TEXT,
    document   TEXT NOT NULL
);
CREATE UNIQUE INDEX customers_email ON customers (account, email_key);
CREATE INDEX customers_page ON customers (account, created_at, id);

CREATE TABLE billing_customers (
    account    TEXT NOT NULL,
    id         TEXT NOT NULL PRIMARY KEY,
    created_at TEXT NOT NULL,
    email_key  TEXT,
    document   TEXT NOT NULL
);

CREATE TABLE account_customers (
    account    TEXT NOT NULL,
    id         TEXT NOT NULL PRIMARY KEY,
    created_at TEXT NOT NULL,
    email_key  TEXT,
    document   TEXT NOT NULL
);
CREATE UNIQUE INDEX account_customers_email ON account_customers (account, email_key);
