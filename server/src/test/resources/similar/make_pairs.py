#!/usr/bin/env python3
"""Makes pairs.tsv from questions.tsv (see README.md). Deterministic: run it again and the same file comes out.

Each group of questions.tsv has two questions already in the session (A, B), how another resident asks each of
them (A2, B2, written by hand), and two questions that are not duplicates of anything in the session (N1, N2). The
pairs put what a resident types (the query) beside the question it should, or should not, be offered:

  label 1: A2 as written, A2 without diacritics, A2 typed in Telex with the input method off;
           B2 as written, B2 with a misspelling or two, B2 with its clauses swapped and without diacritics,
           B2 with half of its syllables in Telex
  label 0: N1 as written, N1 without diacritics, N2 as written, N2 in Telex
"""
import random
import unicodedata

TONES = {'\u0301': 's', '\u0300': 'f', '\u0309': 'r', '\u0303': 'x', '\u0323': 'j'}
SHAPES = {'\u0302': None, '\u0306': 'w', '\u031b': 'w'}  # circumflex doubles the vowel; breve and horn add w


def strip(text):
    text = text.replace('đ', 'd').replace('Đ', 'D')
    return ''.join(c for c in unicodedata.normalize('NFD', text) if not unicodedata.combining(c))


def telex_word(word):
    out, tone = [], ''
    for ch in unicodedata.normalize('NFD', word):
        if ch in TONES:
            tone = TONES[ch]
        elif ch in SHAPES:
            out.append(out[-1].lower() if SHAPES[ch] is None else 'w')
        elif ch in 'đĐ':
            out.append('dd' if ch == 'đ' else 'Dd')
        else:
            out.append(ch)
    letters = ''.join(out)
    # the tone key comes after the word's letters, before any punctuation stuck to it
    end = len(letters)
    while end > 0 and not letters[end - 1].isalnum():
        end -= 1
    return letters[:end] + tone + letters[end:]


def telex(text, rng, share=1.0):
    return ' '.join(telex_word(w) if rng.random() < share else w for w in text.split(' '))


SWAPS = [('ả', 'ã'), ('ã', 'ả'), ('ỏ', 'õ'), ('ẻ', 'ẽ'), ('ỉ', 'ĩ'), ('ủ', 'ũ'), ('ử', 'ữ'), ('ữ', 'ử'), ('ổ', 'ỗ'),
         ('ẩ', 'ẫ'), ('ể', 'ễ'), ('ở', 'ỡ')]
INITIALS = [('tr', 'ch'), ('ch', 'tr'), ('s', 'x'), ('x', 's'), ('gi', 'd'), ('d', 'gi'), ('l', 'n')]


def misspell(text, rng):
    """Two misspellings: a hỏi/ngã mix-up, a confused initial (tr/ch, s/x, gi/d, l/n) or a dropped letter."""
    words = text.split(' ')
    made = 0
    while made < 2:
        i = rng.randrange(len(words))
        w = words[i]
        kind = rng.randrange(3)
        swapped = [s for s in SWAPS if s[0] in w]
        initial = [p for p in INITIALS if w.startswith(p[0])]
        if kind == 0 and swapped:
            a, b = rng.choice(swapped)
            words[i] = w.replace(a, b, 1)
        elif kind == 1 and initial:
            a, b = initial[0]
            words[i] = b + w[len(a):]
        elif kind == 2 and len(w) > 3:
            j = rng.randrange(1, len(w) - 1)
            words[i] = w[:j] + w[j + 1:]
        else:
            continue
        made += 1
    return ' '.join(words)


def reorder(text):
    if ',' in text:
        first, rest = text.split(',', 1)
        return rest.strip().rstrip('.?') + ', ' + first.strip()
    words = text.split(' ')
    half = len(words) // 2
    return ' '.join(words[half:] + words[:half])


def main():
    rng = random.Random(17)
    groups = {}
    with open('questions.tsv', encoding='utf-8') as f:
        for line in f:
            if line.startswith('#') or not line.strip():
                continue
            group, role, text = line.rstrip('\n').split('\t')
            groups.setdefault(group, {})[role] = text
    rows = []
    for g in groups.values():
        a, b = g['A'], g['B']
        rows += [(1, 'paraphrase', g['A2'], a), (1, 'no-diacritics', strip(g['A2']), a),
                 (1, 'telex', telex(g['A2'], rng), a),
                 (1, 'paraphrase', g['B2'], b), (1, 'misspelled', misspell(g['B2'], rng), b),
                 (1, 'reordered-no-diacritics', strip(reorder(g['B2'])), b),
                 (1, 'half-telex', telex(g['B2'], rng, 0.5), b),
                 (0, 'other-question', g['N1'], a), (0, 'other-no-diacritics', strip(g['N1']).lower(), a),
                 (0, 'other-question', g['N2'], b), (0, 'other-telex', telex(g['N2'], rng), b)]
    with open('pairs.tsv', 'w', encoding='utf-8') as out:
        out.write('# label\tkind\ttyped\texisting  (made by make_pairs.py from questions.tsv; see README.md)\n')
        for label, kind, typed, existing in rows:
            out.write(f'{label}\t{kind}\t{typed}\t{existing}\n')


if __name__ == '__main__':
    main()
