//! Outlets known in advance (the config's `[[outlets]]`): one name for every spelling ("New York
//! Times" is "The New York Times"), the outlet of a web domain, and masthead lines read as outlets.

use std::collections::HashMap;

use super::Metadata;
use crate::config::Config;

/// The known outlets, looked up by name or by web domain.
#[derive(Debug, Clone, Default)]
pub struct Outlets {
    names: Vec<String>,
    by_key: HashMap<String, usize>,
    by_domain: HashMap<String, usize>,
}

impl Outlets {
    pub fn new(config: &Config) -> Outlets {
        let mut outlets = Outlets::default();
        for (i, outlet) in config.outlets.iter().enumerate() {
            outlets.names.push(outlet.name.trim().to_string());
            for name in std::iter::once(&outlet.name).chain(&outlet.aliases) {
                outlets.by_key.entry(name_key(name)).or_insert(i);
            }
            for domain in &outlet.domains {
                let domain = domain
                    .trim()
                    .trim_start_matches("www.")
                    .to_ascii_lowercase();
                outlets.by_domain.entry(domain).or_insert(i);
            }
        }
        outlets
    }

    /// The shown name of a known outlet spelled `name`, if it is one.
    pub fn known(&self, name: &str) -> Option<&str> {
        let key = name_key(name);
        let i = self.by_key.get(&key).or_else(|| {
            // "Financial Times (via example.com)": the outlet before the note.
            let (before, _) = key.split_once(" (")?;
            self.by_key.get(before)
        })?;
        Some(&self.names[*i])
    }

    /// The outlet whose web domain serves `url` (a subdomain counts as its domain).
    pub fn of_url(&self, url: &str) -> Option<&str> {
        let mut host = host_of(url)?;
        loop {
            if let Some(&i) = self.by_domain.get(host) {
                return Some(&self.names[i]);
            }
            let (_, parent) = host.split_once('.')?;
            if !parent.contains('.') {
                return None;
            }
            host = parent;
        }
    }

    /// Gives an article its outlet's shown name: a known spelling becomes the outlet's name, and
    /// an article with a URL but no outlet takes the outlet of the URL's domain.
    pub fn normalize(&self, meta: &mut Metadata) {
        match meta.outlet.as_deref().map(str::trim) {
            Some(name) if !name.is_empty() => {
                meta.outlet = Some(self.known(name).unwrap_or(name).to_string());
            }
            _ => {
                meta.outlet = meta
                    .url
                    .as_deref()
                    .and_then(|u| self.of_url(u))
                    .map(str::to_string);
            }
        }
    }

    /// True when `line` is the name of a known outlet, alone (a masthead line).
    pub fn is_masthead(&self, line: &str) -> bool {
        line.len() <= 80 && self.known(line).is_some()
    }

    /// A known outlet's name glued to the end of a headline, with or without a separator
    /// ("Talks resume | Reuters", "Talks resumeReuters"): the headline without it, and the
    /// outlet.
    pub fn split_glued<'a>(&self, title: &'a str) -> Option<(&'a str, &str)> {
        for sep in [" | ", " - ", " – ", " — ", " :: ", " · "] {
            if let Some((head, tail)) = title.rsplit_once(sep)
                && let Some(name) = self.known(tail)
                && !head.trim().is_empty()
            {
                return Some((head.trim(), name));
            }
        }
        // Glued without a space: the outlet's name (or alias) ends the line right after a
        // lowercase letter or punctuation of the headline.
        let lower = title.to_lowercase();
        if lower.len() != title.len() {
            return None;
        }
        for (key, &i) in &self.by_key {
            if !lower.ends_with(key.as_str()) {
                continue;
            }
            // "... The Kyiv Independent" before "... Kyiv Independent".
            let with_the = lower[..lower.len() - key.len()].ends_with("the ");
            let lengths = [with_the.then_some(key.len() + 4), Some(key.len())];
            for name_len in lengths.into_iter().flatten() {
                if name_len < 4 || name_len + 8 > title.len() {
                    continue;
                }
                let cut = title.len() - name_len;
                let (Some(head), Some(tail)) = (title.get(..cut), title.get(cut..)) else {
                    continue;
                };
                let before = head.chars().next_back();
                if tail.starts_with(|c: char| c.is_uppercase())
                    && before
                        .is_some_and(|c| c.is_lowercase() || c.is_ascii_punctuation() && c != '-')
                {
                    return Some((head.trim(), &self.names[i]));
                }
            }
        }
        None
    }
}

/// A name as compared: lowercase, single spaces, no leading "the", no trailing full stop.
fn name_key(name: &str) -> String {
    let lower = name
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let lower = lower.trim_end_matches(['.', ',', ':', ';']);
    lower.strip_prefix("the ").unwrap_or(lower).to_string()
}

/// The host of a URL, lowercased, without `www.`; `None` when it is not an http(s) URL.
fn host_of(url: &str) -> Option<&str> {
    let rest = url
        .trim()
        .strip_prefix("https://")
        .or_else(|| url.trim().strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty() && host.bytes().all(|b| !b.is_ascii_uppercase())).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outlets() -> Outlets {
        Outlets::new(&Config::default_config())
    }

    #[test]
    fn spellings_are_one_outlet() {
        let o = outlets();
        assert_eq!(o.known("New York Times"), Some("The New York Times"));
        assert_eq!(o.known("the new york times"), Some("The New York Times"));
        assert_eq!(
            o.known("Financial Times (via example.com)"),
            Some("Financial Times")
        );
        assert_eq!(o.known("The Daily Nowhere"), None);
    }

    #[test]
    fn a_domain_names_its_outlet() {
        let o = outlets();
        assert_eq!(
            o.of_url("https://www.reuters.com/world/europe/x-2025-03-01/"),
            Some("Reuters")
        );
        assert_eq!(o.of_url("https://edition.cnn.com/2025/x"), Some("CNN"));
        assert_eq!(o.of_url("https://example.com/reuters.com"), None);
        assert_eq!(o.of_url("not a url"), None);
    }

    #[test]
    fn a_glued_outlet_is_split_off() {
        let o = outlets();
        assert_eq!(
            o.split_glued("Talks resume in Geneva | Reuters"),
            Some(("Talks resume in Geneva", "Reuters"))
        );
        assert_eq!(
            o.split_glued("Talks resume in GenevaThe Kyiv Independent"),
            Some(("Talks resume in Geneva", "The Kyiv Independent"))
        );
        assert_eq!(o.split_glued("Reuters reporters leave Moscow"), None);
        assert_eq!(o.split_glued("Trump says it is showtime"), None);
    }
}
