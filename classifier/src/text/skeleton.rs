//! The "skeleton" of a word: one Latin spelling shared by the three ways citizens write Kyrgyz.
//!
//! `бүгүн` (proper letters), `бугун` (Russian keyboard) and `bugun` (chat Latin) must give the
//! same features, or the model would need three times the training data. Mapping everything to
//! the chat-Latin spelling does that: ң ө ү fold into n o u, and Latin input passes through.
//!
//! ```text
//! бүгүн -> bugun    бугун -> bugun    Bugun -> bugun    мөңгү -> monu    щука -> shuka
//! ```

/// Appends the skeleton of one lower-case word (Cyrillic, Latin or both) to `out`.
///
/// The caller passes lower-case letters and digits only; anything else is copied as is.
pub fn push_skeleton(word: &str, out: &mut String) {
    let mut writer = SkeletonWriter::new(out);
    for c in word.chars() {
        writer.push(c, out);
    }
    writer.finish(out);
}

/// Writes a skeleton one character at a time, so that [`super::normalize`] can build it while
/// it reads the word instead of decoding the word a second time.
#[derive(Debug, Clone, Copy)]
pub struct SkeletonWriter {
    /// Where this word's skeleton starts in the output.
    start: usize,
    prev: Option<char>,
    /// Was `ng`, `zh` or `kh` written? (Rare: only then is the word rewritten.)
    digraph: bool,
}

impl SkeletonWriter {
    /// Starts a word at the end of `out`.
    pub fn new(out: &str) -> Self {
        SkeletonWriter { start: out.len(), prev: None, digraph: false }
    }

    /// Appends the skeleton of the next lower-case character.
    #[inline(always)]
    pub fn push(&mut self, c: char, out: &mut String) {
        match c {
            'а' => out.push('a'),
            'б' => out.push('b'),
            'в' | 'w' => out.push('v'),
            'г' | 'ғ' | 'ğ' | 'g' => {
                self.digraph |= out.ends_with('n');
                out.push('g');
            }
            'д' => out.push('d'),
            'е' | 'ё' | 'э' | 'є' | 'ә' | 'ä' | 'é' => out.push('e'),
            'ж' => out.push('j'),
            'з' => out.push('z'),
            'и' | 'і' | 'ї' | 'ӣ' => out.push('i'),
            // Chat Kyrgyz writes й as y, but as i beside ы (быйыл -> byiyl), so that the
            // word stays readable; we follow the same habit to meet Latin input halfway.
            // A й before ы was written as y: the ы corrects it below.
            'й' => out.push(if self.prev == Some('ы') { 'i' } else { 'y' }),
            'к' | 'қ' | 'q' => out.push('k'),
            'л' => out.push('l'),
            'м' => out.push('m'),
            'н' | 'ң' | 'ñ' | 'ŋ' => out.push('n'),
            'о' | 'ө' | 'ö' | 'ø' | 'ó' => out.push('o'),
            'п' => out.push('p'),
            'р' => out.push('r'),
            'с' => out.push('s'),
            'т' => out.push('t'),
            'у' | 'ү' | 'ұ' | 'ӯ' | 'ў' | 'ü' | 'ú' => out.push('u'),
            'ф' => out.push('f'),
            'х' | 'һ' | 'ҳ' | 'x' | 'h' => {
                self.digraph |= out.ends_with(['z', 'k']);
                out.push('h');
            }
            'ц' => out.push_str("ts"),
            'ч' | 'ҷ' | 'ç' => out.push_str("ch"),
            'ш' | 'щ' | 'ş' => out.push_str("sh"),
            'ъ' | 'ь' | '\'' | 'ʼ' | 'ʻ' | '’' | '`' => {}
            'ы' | 'ı' => {
                if c == 'ы' && self.prev == Some('й') && out.ends_with('y') {
                    out.pop();
                    out.push('i');
                }
                out.push('y');
            }
            'ю' => out.push_str("yu"),
            'я' => out.push_str("ya"),
            other => out.push(other),
        }
        self.prev = Some(c);
    }

    /// Ends the word: rewrites the digraphs of chat spelling.
    pub fn finish(self, out: &mut String) {
        if self.digraph {
            collapse_digraphs(out, self.start);
        }
    }
}

/// Rewrites spellings that chat writers use interchangeably into one form: `ng` (ң in chat
/// Latin) and `n`, `zh` and `j` (ж), `kh` and `h` (х).
fn collapse_digraphs(out: &mut String, start: usize) {
    let tail = &out[start..];
    let fixed = tail.replace("ng", "n").replace("zh", "j").replace("kh", "h");
    out.truncate(start);
    out.push_str(&fixed);
}

/// The skeleton of a word, as a new string.
pub fn skeleton(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    push_skeleton(word, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::skeleton;

    #[test]
    fn the_three_spellings_of_a_kyrgyz_word_meet() {
        assert_eq!(skeleton("бүгүн"), "bugun");
        assert_eq!(skeleton("бугун"), "bugun");
        assert_eq!(skeleton("bugun"), "bugun");
        assert_eq!(skeleton("жарык"), skeleton("jaryk"));
        assert_eq!(skeleton("мөңгү"), skeleton("mongu"));
        assert_eq!(skeleton("быйыл"), skeleton("byiyl"));
        assert_eq!(skeleton("жай"), skeleton("jay"));
        // й beside ы is i on either side.
        assert_eq!(skeleton("айыл"), "aiyl");
        assert_eq!(skeleton("ыйла"), "yila");
    }

    #[test]
    fn chat_digraphs_collapse() {
        assert_eq!(skeleton("mening"), "menin");
        assert_eq!(skeleton("zhok"), skeleton("жок"));
        assert_eq!(skeleton("khan"), "han");
        assert_eq!(skeleton("банк"), "bank");
    }

    #[test]
    fn russian_letters_without_a_latin_twin_are_spelled_out() {
        assert_eq!(skeleton("щука"), "shuka");
        assert_eq!(skeleton("объезд"), "obezd");
        assert_eq!(skeleton("цена"), "tsena");
    }
}
