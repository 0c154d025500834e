#!/usr/bin/env python3
"""Import cycles between the top-level modules of src/ (references `crate::x` outside
comments and test modules). Prints each module's dependencies and the cycles; exits 1 if any."""
import re,os,sys
from collections import defaultdict
g=defaultdict(set)
for dp,_,fs in os.walk('src'):
    for f in fs:
        if not f.endswith('.rs'): continue
        p=os.path.join(dp,f); rel=p[4:]
        top=rel.split('/')[0].replace('.rs','')
        if top in ('lib','main'): continue
        text=open(p).read()
        text=text.split('#[cfg(test)]')[0]
        text="\n".join(l for l in text.split("\n") if not l.strip().startswith("//"))
        for m in re.finditer(r'crate::([a-z_]+)', text):
            if m.group(1)!=top: g[top].add(m.group(1))
# Tarjan SCC
idx={};low={};st=[];on=set();out=[];i=[0]
def sc(v):
    idx[v]=low[v]=i[0];i[0]+=1;st.append(v);on.add(v)
    for w in g.get(v,()):
        if w not in idx: sc(w);low[v]=min(low[v],low[w])
        elif w in on: low[v]=min(low[v],idx[w])
    if low[v]==idx[v]:
        c=[]
        while True:
            w=st.pop();on.discard(w);c.append(w)
            if w==v:break
        if len(c)>1: out.append(c)
sys.setrecursionlimit(10000)
for v in list(g): 
    if v not in idx: sc(v)
print("cycles:", out or "none")
for v in sorted(g): print(v, "->", " ".join(sorted(g[v])))
sys.exit(1 if out else 0)
