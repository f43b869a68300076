"""Reads explorer's exports with the libraries analysts use and prints what
they saw as JSON, for ingest's TestExportsOpenInRealReaders.

    check_exports.py graphml FILE | gexf FILE | ftm FILE

graphml and gexf are read with networkx; ftm (JSON lines of FollowTheMoney
entities) with the followthemoney model: every proxy must be valid and every
entity reference must point at an entity in the file.
"""
import json
import sys


def read_nx(kind, path):
    import networkx as nx

    g = nx.read_graphml(path) if kind == "graphml" else nx.read_gexf(path)
    symmetric = sum(1 for *_, d in g.edges(data=True) if str(d.get("symmetric")).lower() == "true")
    return {
        "nodes": g.number_of_nodes(),
        "edges": g.number_of_edges(),
        "directed": g.is_directed(),
        "multigraph": g.is_multigraph(),
        "symmetric": symmetric,
    }


def read_ftm(path):
    from followthemoney import model
    from followthemoney.types import registry

    proxies = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            proxies.append(model.get_proxy(json.loads(line), cleaned=False))
    ids = {p.id for p in proxies}
    dangling = []
    schemata = {}
    for p in proxies:
        schemata[p.schema.name] = schemata.get(p.schema.name, 0) + 1
        for prop, value in p.itervalues():
            if prop.type == registry.entity and value not in ids:
                dangling.append(f"{p.id}.{prop.name} -> {value}")
    return {"proxies": len(proxies), "schemata": schemata, "dangling": dangling}


def main():
    kind, path = sys.argv[1], sys.argv[2]
    out = read_ftm(path) if kind == "ftm" else read_nx(kind, path)
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
