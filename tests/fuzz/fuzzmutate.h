#pragma once
// The smoke drivers' mutator: flips, inserts, deletes, duplicates and splices bytes of a corpus sample
// and inserts the input format's own tokens; the first byte of the result is the targets' option byte.

#include <QByteArray>
#include <QList>
#include <QRandomGenerator>

namespace sagedock::fuzz {

inline QByteArray mutate(QRandomGenerator& rng, const QList<QByteArray>& corpus,
                         const QList<QByteArray>& tokens) {
    QByteArray data = corpus.at(rng.bounded(int(corpus.size())));
    const int rounds = 1 + rng.bounded(8);
    for (int r = 0; r < rounds; ++r) {
        const qsizetype size = data.size();
        const qsizetype pos = size ? rng.bounded(int(size)) : 0;
        switch (rng.bounded(7)) {
        case 0: // flip a bit
            if (size)
                data[pos] = char(data[pos] ^ (1 << rng.bounded(8)));
            break;
        case 1: // insert random bytes
            for (int i = 0, n = 1 + rng.bounded(16); i < n; ++i)
                data.insert(pos, char(rng.bounded(256)));
            break;
        case 2: // delete a run
            data.remove(pos, rng.bounded(64));
            break;
        case 3: // duplicate a run
            data.insert(pos, data.mid(pos, rng.bounded(256)));
            break;
        case 4: // splice another sample in
        {
            const QByteArray& other = corpus.at(rng.bounded(int(corpus.size())));
            const qsizetype from = rng.bounded(int(other.size()));
            data.insert(pos, other.mid(from, rng.bounded(512)));
            break;
        }
        case 5: // a format token
            data.insert(pos, tokens.at(rng.bounded(int(tokens.size()))));
            break;
        case 6: // truncate
            data.truncate(pos);
            break;
        }
    }
    data.prepend(char(rng.bounded(256))); // the option/chunking byte
    return data;
}

} // namespace sagedock::fuzz
