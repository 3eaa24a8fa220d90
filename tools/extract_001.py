#!/usr/bin/env python3
"""Prints the monitoring systems of the Verkhovazhsky programme (indicators and measures) as JSON lines
for review. Used once to transcribe data/templates/programmes/quality-mechanisms.json; kept to re-check it."""
import re, sys, json
lines = open(sys.argv[1], encoding='utf-8').read().split('\n')
clean = lambda s: re.sub(r'\s+', ' ', re.sub(r'\[bookmark:[^\]]*\]', '', s)).strip()
heads = [i for i, l in enumerate(lines) if re.match(r'^\s*(\[bookmark: \w+\])?\s*\d\.\s*(\[bookmark: \w+\])?\s*Система', l)]
out = []
for n, h in enumerate(heads):
    end = heads[n + 1] if n + 1 < len(heads) else len(lines)
    title = clean(re.sub(r'^\s*(\[bookmark: \w+\])?\s*\d\.\s*', '', lines[h]))
    j = h + 1
    # a heading may wrap onto the next line
    if lines[j].strip() and not lines[j].strip().startswith('Цел'):
        title += ' ' + clean(lines[j]); j += 1
    body = lines[j:end]
    start = next(k for k, l in enumerate(body) if 'следующие показатели' in l)
    stop = next(k for k, l in enumerate(body) if k > start and (l.strip().startswith('По итогам') or l.strip().startswith('Анализ результатов')))
    def items(seg):
        res, group = [], None
        for raw in seg:
            l = clean(raw)
            if not l: continue
            if l.startswith('-'):
                res.append({'text': clean(l.lstrip('-')), 'group': group})
            elif l.endswith(':') and (not res or res[-1]['text'].endswith((';', '.', ':')) or res[-1]['group'] != group):
                group = l.rstrip(':').strip()
            elif res and not res[-1]['text'].endswith((';', '.')):
                res[-1]['text'] += ' ' + l
            elif l.endswith(':'):
                group = l.rstrip(':').strip()
            else:
                res.append({'text': l, 'group': group, 'stray': True})
        for r in res: r['text'] = r['text'].rstrip(';').rstrip('.').strip()
        return res
    inds = items(body[start + 1:stop])
    meas = items(body[stop + 1:])
    out.append({'number': n + 1, 'title': title, 'indicators': inds, 'measures': meas})
json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
