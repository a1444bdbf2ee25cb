//! The input of [`Classifier::classify`](crate::Classifier::classify): an
//! article's text or bytes, and what the caller knows about it.

use std::borrow::Cow;

use encoding_rs::Encoding;

/// One article to classify: its text (or bytes in any common encoding) and
/// what the caller knows about it besides: an id, the publication date, the
/// address, the headline, the declared charset.
///
/// Built from a `&str` or `&[u8]` and refined with builder methods, in the
/// manner of `aho_corasick::Input`. It borrows its input, so building one
/// costs nothing; it is `Send + Sync` and cheap to clone.
///
/// `published`, `url` and `title` fill [`Meta`](crate::Meta) only where the
/// text's own metadata (front matter, the page's `<head>`) has none; a
/// publication date given here also takes precedence over a date merely
/// guessed from the text's first lines. The publication date matters: the
/// rules that tell an earlier incident from the reported one read it.
///
/// ```
/// use outage_news::{Article, Classifier};
///
/// let classifier = Classifier::new()?;
/// let text = "Gmail down: users cannot send email since 9 a.m., Google said.";
/// let article = Article::from(text)
///     .id("feed-42")
///     .published("2025-03-01T09:30:00Z")
///     .url("https://news.example/gmail-down")
///     .title("Gmail down");
/// let facts = classifier.classify(article);
/// assert_eq!(facts.id.as_deref(), Some("feed-42"));
/// assert_eq!(facts.meta.published.as_deref(), Some("2025-03-01T09:30:00Z"));
/// assert_eq!(facts.meta.url.as_deref(), Some("https://news.example/gmail-down"));
/// assert!(facts.is_outage);
///
/// // bytes in a legacy encoding, declared by the server (HTTP Content-Type)
/// let (euc_kr, _, _) = encoding_rs::EUC_KR.encode("카카오톡 장애: 메시지 전송이 안 돼 이용자들이 불편을 겪었다.");
/// let facts = classifier.classify(Article::from_bytes(&euc_kr).charset("euc-kr"));
/// assert_eq!(facts.meta.encoding.as_deref(), Some("euc-kr"));
///
/// // plain text still goes in as it is
/// assert!(!classifier.classify("Sunny weather all week.").is_outage);
/// # Ok::<(), outage_news::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Article<'a> {
    pub(crate) input: Input<'a>,
    pub(crate) id: Option<Cow<'a, str>>,
    pub(crate) published: Option<Cow<'a, str>>,
    pub(crate) url: Option<Cow<'a, str>>,
    pub(crate) title: Option<Cow<'a, str>>,
    pub(crate) charset: Option<&'static Encoding>,
}

/// The article's content, as given.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Input<'a> {
    Text(&'a str),
    Bytes(&'a [u8]),
}

impl<'a> Article<'a> {
    /// An article given as text: plain text, HTML or markdown, with or
    /// without front matter. Offsets in the facts index this text.
    pub fn from_text(text: &'a str) -> Self {
        Self::with_input(Input::Text(text))
    }

    /// An article given as bytes in any common encoding (UTF-8 with or
    /// without BOM, UTF-16 with BOM, EUC-KR, GB18030/GBK, Big5, Shift_JIS,
    /// Windows-1252, ...). The encoding is the one declared with
    /// [`charset`](Self::charset) if the bytes decode in it without error,
    /// else what a byte-order mark, valid UTF-8, the page's own
    /// `<meta charset>` or detection says. Offsets in the facts index the
    /// decoded text, and `meta.encoding` names its encoding.
    pub fn from_bytes(bytes: &'a [u8]) -> Self {
        Self::with_input(Input::Bytes(bytes))
    }

    fn with_input(input: Input<'a>) -> Self {
        Self { input, id: None, published: None, url: None, title: None, charset: None }
    }

    /// An id carried into [`DocumentFacts::id`](crate::DocumentFacts::id).
    pub fn id(mut self, id: impl Into<Cow<'a, str>>) -> Self {
        self.id = Some(id.into());
        self
    }

    /// The publication date: an ISO 8601 date (`2025-03-01`), month
    /// (`2025-03`) or date-time (`2025-03-01T09:30:00Z`,
    /// `2025-03-01 09:30:00+09:00`), kept as given. Anything else is ignored
    /// ([`get_published`](Self::get_published) then says `None`).
    pub fn published(mut self, date: impl Into<Cow<'a, str>>) -> Self {
        let date = date.into();
        self.published = crate::dates::is_iso8601(date.trim()).then(|| match date {
            Cow::Borrowed(s) => Cow::Borrowed(s.trim()),
            Cow::Owned(s) => Cow::Owned(s.trim().to_string()),
        });
        self
    }

    /// The article's address.
    pub fn url(mut self, url: impl Into<Cow<'a, str>>) -> Self {
        self.url = Some(url.into()).filter(|u| !u.trim().is_empty());
        self
    }

    /// The article's headline (for `meta.title`; the text's own first line
    /// is still what the classifier reads as the headline).
    pub fn title(mut self, title: impl Into<Cow<'a, str>>) -> Self {
        self.title = Some(title.into()).filter(|t| !t.trim().is_empty());
        self
    }

    /// The charset the bytes are declared in (a WHATWG label, as in an HTTP
    /// `Content-Type` header: `euc-kr`, `gbk`, `iso-8859-1`, `utf-8`, ...).
    /// Used when the bytes decode in it without error; an unknown label is
    /// ignored. Text input has no charset.
    pub fn charset(mut self, label: &str) -> Self {
        self.charset = Encoding::for_label(label.trim().as_bytes());
        self
    }

    /// The id, if one was given.
    pub fn get_id(&self) -> Option<&str> {
        self.id.as_deref()
    }

    /// The publication date, if a valid one was given.
    pub fn get_published(&self) -> Option<&str> {
        self.published.as_deref()
    }

    /// The text the facts' offsets index: the text as given, or the bytes
    /// decoded as the classifier decodes them.
    pub fn text(&self) -> Cow<'a, str> {
        match self.input {
            Input::Text(t) => Cow::Borrowed(t),
            Input::Bytes(b) => crate::decode::decode_declared(b, self.charset).text,
        }
    }

    /// The size of the input in bytes.
    pub fn len(&self) -> usize {
        match self.input {
            Input::Text(t) => t.len(),
            Input::Bytes(b) => b.len(),
        }
    }

    /// Whether the input is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The same article borrowed for a shorter time (for batches).
    pub(crate) fn reborrow(&self) -> Article<'_> {
        Article {
            input: self.input,
            id: self.id.as_deref().map(Cow::Borrowed),
            published: self.published.as_deref().map(Cow::Borrowed),
            url: self.url.as_deref().map(Cow::Borrowed),
            title: self.title.as_deref().map(Cow::Borrowed),
            charset: self.charset,
        }
    }
}

/// What a batch ([`Classifier::classify_batch`](crate::Classifier::classify_batch))
/// can be made of: texts (`&str`, `String`) and [`Article`]s.
pub trait ToArticle: Sync {
    /// This item as an [`Article`] borrowing from it.
    fn to_article(&self) -> Article<'_>;
}

impl ToArticle for str {
    fn to_article(&self) -> Article<'_> {
        Article::from_text(self)
    }
}

impl ToArticle for String {
    fn to_article(&self) -> Article<'_> {
        Article::from_text(self)
    }
}

impl ToArticle for Cow<'_, str> {
    fn to_article(&self) -> Article<'_> {
        Article::from_text(self)
    }
}

impl ToArticle for Article<'_> {
    fn to_article(&self) -> Article<'_> {
        self.reborrow()
    }
}

impl<T: ToArticle + ?Sized> ToArticle for &T {
    fn to_article(&self) -> Article<'_> {
        (**self).to_article()
    }
}

/// Texts (`&str`, `&String`, ...) and borrowed [`Article`]s.
impl<'a, T: ToArticle + ?Sized> From<&'a T> for Article<'a> {
    fn from(item: &'a T) -> Self {
        item.to_article()
    }
}

impl<'a> From<&'a [u8]> for Article<'a> {
    fn from(bytes: &'a [u8]) -> Self {
        Self::from_bytes(bytes)
    }
}

impl<'a> From<&'a Vec<u8>> for Article<'a> {
    fn from(bytes: &'a Vec<u8>) -> Self {
        Self::from_bytes(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso8601_dates() {
        for ok in [
            "2025-03-01",
            "2025-03",
            "2025-03-01T09:30",
            "2025-03-01T09:30:00Z",
            "2025-03-01 09:30:00+09:00",
            "2025-03-01T09:30:00.123-0500",
            "2025-03-01T09:30:00+01",
        ] {
            assert!(crate::dates::is_iso8601(ok), "{ok}");
        }
        for bad in
            ["", "2025", "2025-13-01", "2025-03-32", "01.03.2025", "2025-03-01T25:00", "2025-03-01Tx", "yesterday"]
        {
            assert!(!crate::dates::is_iso8601(bad), "{bad}");
        }
    }

    #[test]
    fn builder_keeps_what_is_valid() {
        let a = Article::from("x").id(String::from("a")).published(" 2025-03-01 ").charset("EUC-KR");
        assert_eq!(a.get_id(), Some("a"));
        assert_eq!(a.get_published(), Some("2025-03-01"));
        assert_eq!(a.charset, Some(encoding_rs::EUC_KR));
        let a = Article::from_bytes(b"x").published("March 1").charset("no-such-charset").url(" ");
        assert_eq!((a.get_published(), a.charset, a.url.as_deref()), (None, None, None));
        assert_eq!(a.len(), 1);
    }
}
