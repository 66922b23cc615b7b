//! An address in its country's own order and case, for display and labels.

use super::billing::BillingAddress;
use super::rules::CountryRules;

impl BillingAddress {
    /// The address as the country writes it, one line per entry: the country's format
    /// from Google's address data (order, separators, upper-case parts), the state as the
    /// country writes it (the subdivision's key: `ON`, `東京都`), and the country's name in
    /// capitals last. Empty lines are left out; a city the format has no place for (Japan's
    /// writes it in the street lines) follows the street lines.
    ///
    /// ```
    /// use customer_core::BillingAddress;
    ///
    /// let us: BillingAddress = serde_json::from_str(r#"{"line1":"1 Infinite Loop",
    ///   "city":"Cupertino","state":"CA","zip_code":"95014","country":"US"}"#).unwrap();
    /// assert_eq!(us.format_lines(), ["1 Infinite Loop", "CUPERTINO, CA 95014", "UNITED STATES OF AMERICA"]);
    ///
    /// let gb: BillingAddress = serde_json::from_str(r#"{"line1":"10 Downing St",
    ///   "city":"London","zip_code":"SW1A 2AA","country":"GB"}"#).unwrap();
    /// assert_eq!(gb.format_lines()[1..], ["LONDON", "SW1A 2AA", "UNITED KINGDOM OF GREAT BRITAIN AND NORTHERN IRELAND"]);
    /// ```
    #[must_use]
    pub fn format_lines(&self) -> Vec<String> {
        let rules = CountryRules::of(self.country());
        let format = rules.map_or("%A%n%C %S %Z", |r| r.format());
        let upper = |letter: char| rules.is_some_and(|r| r.upper(letter));
        let state = self.subdivision().map_or_else(
            || self.state().map(|s| s.as_str().to_owned()),
            |s| Some(s.key().to_owned()),
        );
        let cased = |letter: char, text: Option<&str>| -> String {
            let t = text.unwrap_or("");
            if upper(letter) {
                t.to_uppercase()
            } else {
                t.to_owned()
            }
        };
        let mut lines = vec![];
        for line in format.split("%n") {
            let mut out = String::new();
            let mut parts = line.split('%');
            out.push_str(parts.next().unwrap_or(""));
            for part in parts {
                let mut chars = part.chars();
                let letter = chars.next().unwrap_or(' ');
                match letter {
                    'A' => {
                        let mut street = vec![cased('A', Some(self.line1().as_str()))];
                        street.extend(self.line2().map(|l2| cased('A', Some(l2.as_str()))));
                        if !format.contains("%C") {
                            street.push(cased('C', Some(self.city().as_str())));
                        }
                        let last = street.pop().unwrap_or_default();
                        lines.extend(street);
                        out.push_str(&last);
                    }
                    'C' => out.push_str(&cased('C', Some(self.city().as_str()))),
                    'S' => out.push_str(&cased('S', state.as_deref())),
                    'Z' => out.push_str(&cased('Z', self.zip_code().map(|z| z.as_str()))),
                    _ => {}
                }
                out.push_str(chars.as_str());
            }
            let tidy = out.split_whitespace().collect::<Vec<_>>().join(" ");
            let tidy = tidy.trim_matches(|c: char| c == ',' || c.is_whitespace());
            if !tidy.is_empty() {
                lines.push(tidy.to_owned());
            }
        }
        lines.push(self.country().name().to_uppercase());
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(json: &str) -> Vec<String> {
        serde_json::from_str::<BillingAddress>(json)
            .unwrap()
            .format_lines()
    }

    #[test]
    fn countries_order_their_parts() {
        assert_eq!(
            lines(
                r#"{"line1":"1-1 Chiyoda","city":"Chiyoda-ku","state":"13","zip_code":"100-0001","country":"JP"}"#
            ),
            ["〒100-0001", "東京都", "1-1 Chiyoda", "Chiyoda-ku", "JAPAN"]
        );
        assert_eq!(
            lines(
                r#"{"line1":"123 Test Lane","line2":"Suite 456","city":"Lagos","state":"Lagos","zip_code":"100001","country":"NG"}"#
            ),
            [
                "123 Test Lane",
                "Suite 456",
                "LAGOS 100001",
                "LAGOS",
                "NIGERIA"
            ]
        );
        assert_eq!(
            lines(r#"{"line1":"Hauptstr. 1","city":"Berlin","zip_code":"10115","country":"DE"}"#),
            ["Hauptstr. 1", "10115 BERLIN", "GERMANY"]
        );
    }
}
