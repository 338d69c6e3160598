//! Where absolute links point (`og:url`, `og:image`, the CSV's evidence links): the site's public
//! URL when one is set (`--public-url`), else the request's `Host`; `X-Forwarded-Host` and
//! `X-Forwarded-Proto` count only behind a proxy the operator trusts (`--trust-proxy`), since any
//! client can send them.

use axum::http::{HeaderMap, header};

/// Why a public URL was refused.
#[derive(Debug, thiserror::Error)]
#[error(
    "invalid public URL {given:?}: {reason}; give the scheme and host the site is reached at, \
     such as https://standpoint.example"
)]
pub struct PublicUrlError {
    given: String,
    reason: &'static str,
}

/// The rule that gives absolute links their `scheme://host`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PublicOrigin {
    /// `scheme://host[:port]`, without a trailing slash, when the operator set it.
    fixed: Option<String>,
    /// Whether `X-Forwarded-Host` and `X-Forwarded-Proto` are believed.
    trust_proxy: bool,
}

impl PublicOrigin {
    /// Checks `public_url` (`http(s)://host[:port]`, a trailing `/` allowed) and keeps it.
    pub fn new(public_url: Option<&str>, trust_proxy: bool) -> Result<Self, PublicUrlError> {
        let fixed = public_url
            .map(str::trim)
            .filter(|u| !u.is_empty())
            .map(checked)
            .transpose()?;
        Ok(PublicOrigin { fixed, trust_proxy })
    }

    /// The public URL set by the operator, if any.
    pub fn public_url(&self) -> Option<&str> {
        self.fixed.as_deref()
    }

    /// `scheme://host` for absolute links in the answer to a request with `headers`; `None` when
    /// no public URL is set and the request names no sane host.
    pub(crate) fn resolve(&self, headers: &HeaderMap) -> Option<String> {
        if let Some(fixed) = &self.fixed {
            return Some(fixed.clone());
        }
        let value = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
        let forwarded = |name| self.trust_proxy.then(|| value(name)).flatten();
        let host = forwarded("x-forwarded-host").or_else(|| value(header::HOST.as_str()))?;
        if !sane_host(host) {
            return None;
        }
        let scheme = match forwarded("x-forwarded-proto") {
            Some("https") => "https",
            _ => "http",
        };
        Some(format!("{scheme}://{host}"))
    }
}

/// A public URL reduced to `scheme://host[:port]`, or why it cannot be one.
fn checked(url: &str) -> Result<String, PublicUrlError> {
    let refuse = |reason| PublicUrlError {
        given: url.to_string(),
        reason,
    };
    let (scheme, rest) = url
        .split_once("://")
        .ok_or_else(|| refuse("it has no http:// or https://"))?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return Err(refuse("the scheme is not http or https"));
    }
    let host = rest.strip_suffix('/').unwrap_or(rest);
    if host.contains(['/', '?', '#']) {
        return Err(refuse(
            "it has a path, query or fragment; Standpoint serves from the root of its host",
        ));
    }
    if host.contains('@') {
        return Err(refuse("it has a user name"));
    }
    if !sane_host(host) {
        return Err(refuse("the host is not a host name, address or port"));
    }
    Ok(format!("{scheme}://{}", host.to_ascii_lowercase()))
}

/// A host (and port) made only of the characters a host name or IP address may hold.
fn sane_host(host: &str) -> bool {
    !host.is_empty()
        && host.len() <= 255
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-.:[]".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (k, v) in pairs {
            map.insert(*k, HeaderValue::from_str(v).unwrap());
        }
        map
    }

    #[test]
    fn public_urls_are_checked() {
        let ok = |u: &str| PublicOrigin::new(Some(u), false).unwrap().fixed.unwrap();
        assert_eq!(
            ok("https://standpoint.example/"),
            "https://standpoint.example"
        );
        assert_eq!(ok("HTTP://Example.org:8080"), "http://example.org:8080");
        assert_eq!(ok("https://[::1]:8443"), "https://[::1]:8443");
        for bad in [
            "standpoint.example",
            "ftp://standpoint.example",
            "https://standpoint.example/app",
            "https://user@standpoint.example",
            "https://",
            "https://a b",
            "https://standpoint.example?x=1",
        ] {
            assert!(PublicOrigin::new(Some(bad), false).is_err(), "{bad}");
        }
        assert_eq!(PublicOrigin::new(Some("  "), false).unwrap().fixed, None);
    }

    #[test]
    fn forwarded_headers_count_only_when_trusted() {
        let h = headers(&[
            ("host", "inside:8080"),
            ("x-forwarded-host", "evil.example"),
            ("x-forwarded-proto", "https"),
        ]);
        let plain = PublicOrigin::default();
        assert_eq!(plain.resolve(&h).as_deref(), Some("http://inside:8080"));
        let proxied = PublicOrigin::new(None, true).unwrap();
        assert_eq!(proxied.resolve(&h).as_deref(), Some("https://evil.example"));
        let fixed = PublicOrigin::new(Some("https://standpoint.example"), true).unwrap();
        assert_eq!(
            fixed.resolve(&h).as_deref(),
            Some("https://standpoint.example")
        );
        assert_eq!(plain.resolve(&headers(&[("host", "a\"b")])), None);
        assert_eq!(plain.resolve(&HeaderMap::new()), None);
    }
}
