//! Handing a message to the SMTP server named by `--smtp-url`:
//! `smtp://host:port` speaks plain SMTP (a relay on the same network),
//! `smtp://host:port?tls=required` upgrades with STARTTLS, and
//! `smtps://host:port` speaks TLS from the first byte; a user name and
//! password in the URL sign in.

use std::time::Duration;

use lettre::message::header::ContentType;
use lettre::message::{Body, Mailbox};
use lettre::transport::smtp::client::Tls;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

/// How long one SMTP exchange may take before it counts as failed.
const SMTP_TIMEOUT: Duration = Duration::from_secs(30);

/// A configured way to send mail.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Mailer {
    /// Checks the URL and the sender address; connects only when sending.
    pub fn new(smtp_url: &str, from: &str) -> Result<Mailer, String> {
        let builder = AsyncSmtpTransport::<Tokio1Executor>::from_url(smtp_url).map_err(|e| {
            format!(
                "địa chỉ máy chủ SMTP không hợp lệ \"{}\" ({e}); dùng smtp://máy:cổng, smtp://máy:cổng?tls=required \
                 hoặc smtps://máy:cổng",
                redact(smtp_url)
            )
        })?;
        // `from_url` leaves plain `smtp://` without TLS, as wanted for a
        // relay; say so explicitly so a future default cannot change it.
        let builder = if smtp_url.starts_with("smtp://") && !smtp_url.contains("tls=") {
            builder.tls(Tls::None)
        } else {
            builder
        };
        let from = from
            .parse::<Mailbox>()
            .map_err(|e| format!("địa chỉ người gửi không hợp lệ \"{from}\" ({e}); sửa --from"))?;
        Ok(Mailer { transport: builder.timeout(Some(SMTP_TIMEOUT)).build(), from })
    }

    /// Sends one plain-text message; the error is what the server or the
    /// network said, for the record.
    pub async fn send(&self, to: &str, subject: &str, body: &str) -> Result<(), String> {
        let to = to.parse::<Mailbox>().map_err(|e| format!("địa chỉ người nhận không hợp lệ \"{to}\": {e}"))?;
        // lettre picks the transfer encoding (Vietnamese text mostly goes
        // as base64, which every mail program reads and no relay mangles).
        let body = Body::new(body.to_string());
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(body)
            .map_err(|e| format!("không tạo được thư: {e}"))?;
        self.transport.send(message).await.map(|_| ()).map_err(|e| describe(&e))
    }
}

/// The SMTP error in words a person can act on, with the server's own.
fn describe(e: &lettre::transport::smtp::Error) -> String {
    let what = if e.is_permanent() {
        "máy chủ SMTP từ chối vĩnh viễn"
    } else if e.is_transient() {
        "máy chủ SMTP tạm từ chối"
    } else {
        "không gửi được tới máy chủ SMTP"
    };
    let mut text = format!("{what}: {e}");
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text.push_str(&format!(": {s}"));
        source = s.source();
    }
    text
}

/// The URL without its password, for messages and logs.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_starttls_and_tls_urls_are_accepted_and_others_explained() {
        let from = "theodoi <theodoi@skhdt.gov.vn>";
        for url in ["smtp://127.0.0.1:25", "smtp://mail.gov.vn:587?tls=required", "smtps://u:p%40ss@mail.gov.vn"] {
            assert!(Mailer::new(url, from).is_ok(), "{url}");
        }
        let err = Mailer::new("http://mail.gov.vn", from).err().unwrap();
        assert!(err.contains("smtps://"), "{err}");
        let err = Mailer::new("smtp://127.0.0.1:25", "không phải địa chỉ").err().unwrap();
        assert!(err.contains("--from"), "{err}");
    }

    #[test]
    fn passwords_are_hidden_in_messages() {
        assert_eq!(redact("smtps://user:secret@mail.gov.vn:465"), "smtps://user:***@mail.gov.vn:465");
        assert_eq!(redact("smtp://127.0.0.1:25"), "smtp://127.0.0.1:25");
    }
}
