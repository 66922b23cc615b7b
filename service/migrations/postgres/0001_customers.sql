-- One table per profile. `email_key` is Email::uniqueness_key (unique per account for
-- the Juice and account profiles; NULL for billing customers). `document` is the stored
-- customer as JSON text (kept byte for byte).
CREATE TABLE customers (
    account    text NOT NULL,
    id         uuid NOT NULL PRIMARY KEY,
    created_at timestamptz NOT NULL,
    email_key  text,
    document   text NOT NULL
);
CREATE UNIQUE INDEX customers_email ON customers (account, email_key);
CREATE INDEX customers_page ON customers (account, created_at, id);

CREATE TABLE billing_customers (
    account    text NOT NULL,
    id         text NOT NULL PRIMARY KEY,
    created_at timestamptz NOT NULL,
    email_key  text,
    document   text NOT NULL
);

CREATE TABLE account_customers (
    account    text NOT NULL,
    id         text NOT NULL PRIMARY KEY,
    created_at timestamptz NOT NULL,
    email_key  text,
    document   text NOT NULL
);
CREATE UNIQUE INDEX account_customers_email ON account_customers (account, email_key);
