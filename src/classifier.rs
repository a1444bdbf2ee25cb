//! The pipeline: [`Classifier`] owns every heavy part (dictionary automata,
//! segmenters, language detector), built once, and runs the stages in order.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::article::{Article, Input, ToArticle};
use crate::document;
use crate::error::{Error, Result};
use crate::extract::{self, Analysed, numbers};
use crate::facts::{DetectedLanguage, DocumentFacts};
use crate::language::{Detector, Lang};
use crate::lexicon::{Found, Lexicon, LexiconSource, Scratch};

use crate::segment::{self, Segmenters, Words};

/// Check a dictionary file (format: `data/lexicon/README.md`) on its own,
/// without building a classifier: `Ok` or an error naming the file, the line
/// and the problem.
///
/// ```
/// let ok = "[[service]]\nid = \"acme/mail\"\nnames.any = [\"Acme Mail\"]\n";
/// assert!(outage_news::validate_lexicon("acme.toml", ok).is_ok());
/// let bad = "[[symptom]]\nid = \"exploded\"\n";
/// assert!(outage_news::validate_lexicon("bad.toml", bad).unwrap_err().to_string().starts_with("bad.toml:1:"));
/// ```
pub fn validate_lexicon(name: &str, toml: &str) -> Result<()> {
    let mut source = LexiconSource::default();
    source.add_file(name, toml)?;
    source.build_automata().map(|_| ())
}

/// Reads news articles and returns [`DocumentFacts`].
///
/// Build it once and share it (`Classifier` is `Send + Sync`): construction
/// loads the Korean dictionary and compiles the automata.
///
/// ```
/// let classifier = outage_news::Classifier::new()?;
/// let facts = classifier.classify("Outlook down: Microsoft users cannot access email after a faulty update.");
/// assert!(facts.is_outage);
/// assert_eq!(facts.language.code.as_deref(), Some("en"));
/// # Ok::<(), outage_news::Error>(())
/// ```
pub struct Classifier {
    lexicon: Lexicon,
    segmenters: Segmenters,
    detector: Detector,
    max_document_bytes: usize,
}

/// Documents larger than this are not read (see
/// [`ClassifierBuilder::max_document_bytes`]).
pub const DEFAULT_MAX_DOCUMENT_BYTES: usize = 32 * 1024 * 1024;

/// Configures a [`Classifier`]: extra dictionary files on top of the embedded ones.
///
/// ```no_run
/// let classifier = outage_news::Classifier::builder()
///     .lexicon_file("my-services.toml")
///     .build()?;
/// # Ok::<(), outage_news::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct ClassifierBuilder {
    files: Vec<PathBuf>,
    texts: Vec<(String, String)>,
    max_document_bytes: usize,
}

impl Default for ClassifierBuilder {
    fn default() -> Self {
        Self { files: Vec::new(), texts: Vec::new(), max_document_bytes: DEFAULT_MAX_DOCUMENT_BYTES }
    }
}

impl ClassifierBuilder {
    /// Largest document read, in bytes (default 32 MiB). Larger ones get
    /// empty facts with [`DocumentFacts::error`] saying so.
    pub fn max_document_bytes(mut self, bytes: usize) -> Self {
        self.max_document_bytes = bytes;
        self
    }

    /// Add a dictionary file (format: `data/lexicon/README.md`).
    pub fn lexicon_file(mut self, path: impl AsRef<Path>) -> Self {
        self.files.push(path.as_ref().to_path_buf());
        self
    }

    /// Add dictionary text; `name` identifies it in error messages.
    pub fn lexicon_str(mut self, name: impl Into<String>, toml: impl Into<String>) -> Self {
        self.texts.push((name.into(), toml.into()));
        self
    }

    /// Build the classifier. Fails on unreadable or malformed dictionary files.
    pub fn build(self) -> Result<Classifier> {
        let mut source = LexiconSource::embedded()?;
        for path in &self.files {
            let text = std::fs::read_to_string(path).map_err(|e| Error::Io { path: path.clone(), source: e })?;
            source.add_file(&path.display().to_string(), &text)?;
        }
        for (name, text) in &self.texts {
            source.add_file(name, text)?;
        }
        // the automata compile while the Chinese and Korean segmenters load
        // the dictionary pass also finds the words the number patterns need
        let (segmenters, lexicon) =
            Segmenters::new(|lang| source.names_for(lang), || source.build_automata_with(numbers::gate_words))?;
        Ok(Classifier {
            lexicon: lexicon?,
            segmenters,
            detector: Detector::new(),
            max_document_bytes: self.max_document_bytes,
        })
    }
}

impl Classifier {
    /// A classifier with the embedded dictionary.
    pub fn new() -> Result<Self> {
        Self::builder().build()
    }

    /// Configure a classifier.
    pub fn builder() -> ClassifierBuilder {
        ClassifierBuilder::default()
    }

    /// Classify one article: text (plain, HTML or markdown, with or without
    /// front matter), or an [`Article`] with bytes in any common encoding, an
    /// id, a publication date, an address, a headline. Never fails: text
    /// without an outage gives `is_outage == false` and no incident.
    ///
    /// ```
    /// use outage_news::{Article, Classifier};
    ///
    /// let classifier = Classifier::new()?;
    /// let facts = classifier.classify("Outlook down: users cannot send email, Microsoft said.");
    /// assert!(facts.is_outage);
    /// let facts = classifier.classify(Article::from("Weather: sunny.").id("w1").published("2025-06-01"));
    /// assert_eq!((facts.id.as_deref(), facts.is_outage), (Some("w1"), false));
    /// # Ok::<(), outage_news::Error>(())
    /// ```
    pub fn classify<'a>(&self, article: impl Into<Article<'a>>) -> DocumentFacts {
        self.run_article(&article.into())
    }

    /// `classify(Article::from(text).id(id))`: [`classify`](Self::classify)
    /// with an id carried into [`DocumentFacts::id`].
    pub fn classify_with_id(&self, id: impl Into<String>, text: &str) -> DocumentFacts {
        self.classify(Article::from_text(text).id(id.into()))
    }

    /// `classify(Article::from_bytes(bytes))`: classify an article given as
    /// bytes in any common encoding (UTF-8 with or without BOM, UTF-16 with
    /// BOM, EUC-KR, GB18030/GBK, Big5, Shift_JIS, Windows-1252, ...),
    /// detected and decoded first. Offsets in the facts index the decoded
    /// text, [`decode`](fn@crate::decode)`(bytes).text`; `meta.encoding`
    /// names the encoding.
    ///
    /// ```
    /// let classifier = outage_news::Classifier::new()?;
    /// let (bytes, _, _) = encoding_rs::EUC_KR.encode("카카오톡 장애: 카카오톡 메시지 전송이 안 돼 이용자 수천 명이 불편을 겪었다.");
    /// let facts = classifier.classify_bytes(&bytes);
    /// assert_eq!(facts.meta.encoding.as_deref(), Some("euc-kr"));
    /// assert!(facts.incident.expect("outage").has_service("kakao/kakaotalk"));
    /// # Ok::<(), outage_news::Error>(())
    /// ```
    pub fn classify_bytes(&self, bytes: &[u8]) -> DocumentFacts {
        self.classify(Article::from_bytes(bytes))
    }

    /// `classify(Article::from_bytes(bytes).id(id))`:
    /// [`classify_bytes`](Self::classify_bytes) with an id carried into
    /// [`DocumentFacts::id`].
    pub fn classify_bytes_with_id(&self, id: impl Into<String>, bytes: &[u8]) -> DocumentFacts {
        self.classify(Article::from_bytes(bytes).id(id.into()))
    }

    /// Empty facts with an error for documents over the size limit.
    fn too_large(&self, id: Option<String>, len: usize) -> Option<DocumentFacts> {
        (len > self.max_document_bytes).then(|| {
            let mut f = empty(id, DetectedLanguage { code: None, confidence: 0.0, supported: false });
            f.error = Some(format!(
                "document too large: {len} bytes (the limit is {} bytes, see max_document_bytes)",
                self.max_document_bytes
            ));
            f
        })
    }

    /// Classify many articles on every core; results keep the input order.
    /// The articles are [`Article`]s, `&str`s or `String`s; a document that
    /// trips a bug gets empty facts with an error, and the others keep
    /// theirs.
    ///
    /// ```
    /// use outage_news::Article;
    ///
    /// let classifier = outage_news::Classifier::new()?;
    /// let facts = classifier.classify_batch(&["Gmail is down for thousands of users.", "Weather: sunny."]);
    /// assert_eq!(facts.len(), 2);
    /// let articles = [Article::from("Gmail is down.").id("a"), Article::from_bytes(b"Weather: sunny.").id("b")];
    /// let facts = classifier.classify_batch(&articles);
    /// assert_eq!(facts[1].id.as_deref(), Some("b"));
    /// # Ok::<(), outage_news::Error>(())
    /// ```
    pub fn classify_batch<T: ToArticle>(&self, articles: &[T]) -> Vec<DocumentFacts> {
        articles.par_iter().map(|t| self.guarded(&t.to_article())).collect()
    }

    /// [`classify_batch`](Self::classify_batch) for `(id, text)` pairs.
    pub fn classify_batch_with_ids<I: AsRef<str> + Sync, T: AsRef<str> + Sync>(
        &self,
        docs: &[(I, T)],
    ) -> Vec<DocumentFacts> {
        docs.par_iter().map(|(id, t)| self.guarded(&Article::from_text(t.as_ref()).id(id.as_ref()))).collect()
    }

    /// [`classify_bytes`](Self::classify_bytes) for many `(id, bytes)` pairs
    /// on every core; results keep the input order.
    pub fn classify_batch_bytes_with_ids<I: AsRef<str> + Sync, B: AsRef<[u8]> + Sync>(
        &self,
        docs: &[(I, B)],
    ) -> Vec<DocumentFacts> {
        docs.par_iter().map(|(id, b)| self.guarded(&Article::from_bytes(b.as_ref()).id(id.as_ref()))).collect()
    }

    /// One document of a batch: a bug in one document must not cost the others.
    fn guarded(&self, article: &Article<'_>) -> DocumentFacts {
        guard(article.get_id().map(str::to_string), || self.run_article(article))
    }

    fn run_article(&self, article: &Article<'_>) -> DocumentFacts {
        let id = article.get_id().map(str::to_string);
        match article.input {
            Input::Text(text) => self.run(id, text, article),
            Input::Bytes(bytes) => {
                if let Some(too_big) = self.too_large(id.clone(), bytes.len()) {
                    return too_big;
                }
                let decoded = crate::decode::decode_declared(bytes, article.charset);
                let mut facts = self.run(id, &decoded.text, article);
                facts.meta.encoding = Some(decoded.encoding.to_string());
                facts
            }
        }
    }

    fn run(&self, id: Option<String>, input: &str, given: &Article<'_>) -> DocumentFacts {
        if let Some(too_big) = self.too_large(id.clone(), input.len()) {
            return too_big;
        }
        let mut cleaned = document::clean(input);
        // what the caller knows fills what the text does not say (a date
        // given beats one guessed from the first lines)
        let meta = &mut cleaned.meta;
        if (meta.published.is_none() || cleaned.published_guessed)
            && let Some(p) = given.get_published()
        {
            meta.published = Some(p.to_string());
        }
        if meta.url.is_none() {
            meta.url = given.url.as_deref().map(str::to_string);
        }
        if meta.title.is_none() {
            meta.title = given.title.as_deref().map(str::to_string);
        }
        let (lang, confidence) = self.detector.detect(&cleaned.text);
        let language = DetectedLanguage {
            code: lang.map(|l| l.code().to_string()),
            confidence,
            supported: lang.is_some_and(|l| self.segmenters.supports(l)),
        };
        let Some(lang) = lang.filter(|l| self.segmenters.supports(*l)) else {
            let mut facts = empty(id, language);
            facts.meta = cleaned.meta;
            return facts;
        };
        let mut meta = cleaned.meta.clone();
        meta.encoding.get_or_insert_with(|| "utf-8".to_string());
        let Some(analysed) = self.analyse(lang, &cleaned) else {
            let mut facts = empty(id, language);
            facts.meta = meta;
            return facts;
        };
        let ex = extract::extract(&self.lexicon, lang, &cleaned, input, &analysed.sentences());
        let is_outage = ex.score >= extract::OUTAGE_SCORE;
        DocumentFacts {
            id,
            language,
            is_outage,
            outage_score: ex.score,
            meta,
            incident: is_outage.then_some(ex.incident),
            related_incidents: ex.related,
            error: None,
        }
    }

    /// Match, segment and read the numbers of every sentence. `None` when the
    /// article names no disruption anywhere: it cannot report an outage (nor
    /// recall one), so it is not segmented at all.
    fn analyse(&self, lang: Lang, cleaned: &document::Cleaned) -> Option<Analysed> {
        let text = cleaned.text.as_str();
        let mut scratch = Scratch::default();
        // phase 1: dictionary candidates everywhere, no segmentation yet; in
        // one pass over the text when it needs no normalising
        let scan = self.lexicon.scan_text(lang, text);
        if scan.as_ref().is_some_and(|s| !s.may_report()) {
            return None; // set aside before it is cut into sentences
        }
        let sentences = segment::sentences(text);
        let mut candidates = Vec::with_capacity(scan.as_ref().map_or(0, |s| s.len()));
        let mut spans = Vec::with_capacity(sentences.len());
        let found = match &scan {
            Some(scan) => scan.assign(&sentences, &mut candidates, &mut spans),
            None => {
                let mut found = Found::default();
                for range in &sentences {
                    let start = candidates.len();
                    found |= self.lexicon.candidates(lang, text, range.clone(), &mut scratch, &mut candidates);
                    spans.push(start..candidates.len());
                }
                found
            }
        };
        if !found.symptom {
            return None;
        }
        let mut out = Analysed::with_capacity(sentences.len(), candidates.len());
        // the numbers of every sentence first: one pattern's tables stay in
        // the cache from one sentence to the next
        let gates = match &scan {
            Some(scan) => numbers::gates_found(lang, text, &sentences, scan.extra()),
            None => numbers::gates(lang, text, &sentences),
        };
        let mut number_spans = Vec::with_capacity(sentences.len());
        for (range, gates) in sentences.iter().zip(gates) {
            let from = out.numbers.len();
            numbers::scan_gated(lang, &text[range.clone()], range.start, gates, &mut out.numbers);
            number_spans.push(from..out.numbers.len());
        }
        // phase 2: segment only the sentences with candidates
        let mut words = Words::default();
        let mut paragraph = 0;
        let mut last_end = 0;
        let mut body_index = 0usize;
        for ((range, span), numbers) in sentences.into_iter().zip(spans).zip(number_spans) {
            if text[last_end..range.start].contains('\n') {
                paragraph += 1;
            }
            last_end = range.end;
            let in_title = cleaned.title.as_ref().is_some_and(|t| range.start < t.end);
            let weight = if in_title {
                extract::TITLE_WEIGHT
            } else {
                body_index += 1;
                if body_index <= extract::LEAD_SENTENCES { extract::LEAD_WEIGHT } else { 1.0 }
            };
            let hits_from = out.hits.len();
            // German verbs split from their particle need no dictionary
            // candidate in the sentence ("der Kauf ließ sich nicht abschließen")
            if !span.is_empty() || (lang == Lang::De && self.lexicon.may_separate(&text[range.clone()])) {
                words.clear();
                let sentence = &text[range.clone()];
                // only the words the candidates touch
                let spans = candidates[span.clone()].iter().map(|c| c.span());
                self.segmenters.words_around(lang, sentence, range.start, spans, &mut words);
                self.lexicon.resolve(lang, text, range.clone(), &candidates[span], &words, &mut scratch, &mut out.hits);
            }
            out.push(range, paragraph, hits_from, numbers, weight);
        }
        Some(out)
    }
}

/// Run `f`; should it panic, the document gets empty facts with an error
/// instead of taking the batch down.
fn guard(id: Option<String>, f: impl FnOnce() -> DocumentFacts) -> DocumentFacts {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|_| {
        let mut facts = empty(id, DetectedLanguage { code: None, confidence: 0.0, supported: false });
        facts.error = Some("internal error while classifying this document".to_string());
        facts
    })
}

fn empty(id: Option<String>, language: DetectedLanguage) -> DocumentFacts {
    DocumentFacts {
        id,
        language,
        is_outage: false,
        outage_score: 0.0,
        meta: Default::default(),
        incident: None,
        related_incidents: Vec::new(),
        error: None,
    }
}

/// The pipeline's stages one by one, for the criterion benchmarks in
/// `benches/`. Not part of the supported API.
#[doc(hidden)]
pub mod stages {
    use super::*;

    /// An article taken through the stages, so each stage can be timed alone.
    pub struct Prepared {
        cleaned: document::Cleaned,
        lang: Option<Lang>,
        sentences: Vec<std::ops::Range<usize>>,
        words: Vec<Words>,
        analysed: Analysed,
    }

    impl Prepared {
        /// The cleaned text.
        pub fn cleaned_text(&self) -> &str {
            &self.cleaned.text
        }
    }

    /// Run every stage once and keep each one's output.
    pub fn prepare(c: &Classifier, input: &str) -> Prepared {
        let cleaned = document::clean(input);
        let lang = c.detector.detect(&cleaned.text).0;
        let sentences = segment::sentences(&cleaned.text);
        let mut words = Vec::new();
        let mut analysed = Analysed::default();
        if let Some(l) = lang {
            for r in &sentences {
                let mut w = Words::default();
                c.segmenters.words(l, &cleaned.text[r.clone()], r.start, &mut w);
                words.push(w);
            }
            analysed = c.analyse(l, &cleaned).unwrap_or_default();
        }
        Prepared { cleaned, lang, sentences, words, analysed }
    }

    /// Stage 1: clean. Returns the cleaned length.
    pub fn clean(input: &str) -> usize {
        document::clean(input).text.len()
    }

    /// Stage 2: detect the language of the cleaned text.
    pub fn detect(c: &Classifier, p: &Prepared) -> Option<Lang> {
        c.detector.detect(&p.cleaned.text).0
    }

    /// Stage 3: split into sentences and words. Returns the word count.
    pub fn segment(c: &Classifier, p: &Prepared) -> usize {
        let Some(lang) = p.lang else { return 0 };
        let mut w = Words::default();
        let mut n = 0;
        for r in segment::sentences(&p.cleaned.text) {
            w.clear();
            c.segmenters.words(lang, &p.cleaned.text[r.clone()], r.start, &mut w);
            n += w.spans.len();
        }
        n
    }

    /// The first part of stage 4 alone: the dictionary's pass over the whole
    /// cleaned text (its automaton walk, the raw-text and symptom checks),
    /// which finds the candidates before any segmentation. Returns their
    /// count.
    pub fn dictionary_pass(c: &Classifier, p: &Prepared) -> usize {
        let Some(lang) = p.lang else { return 0 };
        c.lexicon.scan_text(lang, &p.cleaned.text).map_or(0, |s| s.len())
    }

    /// Stage 4: dictionary matching (both phases) and numbers over segmented
    /// sentences. Returns the hit count.
    pub fn matching(c: &Classifier, p: &Prepared) -> usize {
        let Some(lang) = p.lang else { return 0 };
        let mut scratch = Scratch::default();
        let mut candidates = Vec::new();
        let mut hits = Vec::new();
        let mut nums = Vec::new();
        let gates = numbers::gates(lang, &p.cleaned.text, &p.sentences);
        for ((r, w), gates) in p.sentences.iter().zip(&p.words).zip(gates) {
            candidates.clear();
            c.lexicon.candidates(lang, &p.cleaned.text, r.clone(), &mut scratch, &mut candidates);
            c.lexicon.resolve(lang, &p.cleaned.text, r.clone(), &candidates, w, &mut scratch, &mut hits);
            numbers::scan_gated(lang, &p.cleaned.text[r.clone()], r.start, gates, &mut nums);
        }
        hits.len() + nums.len()
    }

    /// Stage 5: extraction and scoring over matched sentences.
    pub fn extract(c: &Classifier, p: &Prepared, input: &str) -> f64 {
        let Some(lang) = p.lang else { return 0.0 };
        extract::extract(&c.lexicon, lang, &p.cleaned, input, &p.analysed.sentences()).score
    }
}

#[cfg(all(test, feature = "korean", feature = "chinese"))]
mod tests {
    use std::ops::Range;

    use super::*;
    use crate::segment::{jieba_block, not_space, sentences};

    /// Korean and Chinese, with the segmenters as the classifier builds them
    /// (the dictionary's names as user words): the words of a stretch
    /// segmented on its own ([`Segmenters::words_around`]) are the words
    /// whole-sentence segmentation gives it, for every eojeol and every jieba
    /// block of every shipped article (samples and labelled set).
    #[test]
    fn stretches_segment_like_whole_sentences() {
        let source = LexiconSource::embedded().expect("embedded dictionary");
        let (seg, _) = Segmenters::new(|lang| source.names_for(lang), || ()).expect("segmenters");
        let articles = crate::corpus::articles(&["data/samples", "tests/gold"]);
        for (lang, unit) in [(Lang::Ko, not_space as fn(char) -> bool), (Lang::Zh, jieba_block)] {
            let (mut checked, mut differ) = (0, Vec::new());
            for (_, text) in articles.iter().filter(|(l, _)| *l == lang) {
                for r in sentences(text) {
                    let sentence = &text[r];
                    let mut whole = Words::default();
                    seg.words(lang, sentence, 0, &mut whole);
                    // each maximal run of unit chars
                    let mut units = Vec::new();
                    let mut start = None;
                    for (i, c) in sentence.char_indices().chain(std::iter::once((sentence.len(), ' '))) {
                        match (start, i < sentence.len() && unit(c)) {
                            (None, true) => start = Some(i),
                            (Some(s), false) => {
                                units.push(s..i);
                                start = None;
                            }
                            _ => {}
                        }
                    }
                    for span in units {
                        let mut around = Words::default();
                        seg.words_around(lang, sentence, 0, std::iter::once(span.clone()), &mut around);
                        let inside = |w: &Words| -> Vec<Range<usize>> {
                            w.spans.iter().filter(|t| span.start <= t.start && t.end <= span.end).cloned().collect()
                        };
                        checked += 1;
                        if inside(&whole) != inside(&around) {
                            differ.push(sentence[span].to_string());
                        }
                    }
                }
            }
            assert!(checked > 1000, "{lang:?}: {checked} checked");
            assert!(differ.is_empty(), "{lang:?}: {} of {checked} differ: {differ:?}", differ.len());
        }
    }
}
