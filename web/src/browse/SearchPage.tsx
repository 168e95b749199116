import { useSearchParams } from 'react-router';
import { api, query } from '../api/client';
import type { SearchFacetValue, SearchPage as Results } from '../api/types';
import { ErrorNotice } from '../ui/ErrorNotice';
import { maturityLabel } from '../ui/format';
import { useLoad } from '../ui/useLoad';
import { useSettled } from '../ui/useSettled';
import { PosterCard } from './PosterCard';
import { onRowKeyDown } from './rowKeys';

export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const genres = params.getAll('genre');
  const decade = params.get('decade');
  const maturity = params.get('maturity');
  const access = params.get('access');
  const decadeStart = decade ? Number.parseInt(decade, 10) : null;
  const search = query({
    q,
    genre: genres,
    yearFrom: decadeStart ?? undefined,
    yearTo: decadeStart !== null ? decadeStart + 9 : undefined,
    maturity,
    access,
    limit: 40,
  });
  const settled = useSettled(search, 150);
  const results = useLoad(settled, (signal) => api.get<Results>(`/api/v1/search${settled}`, { signal }));

  function toggle(key: string, value: string, many = false) {
    const next = new URLSearchParams(params);
    const current = next.getAll(key);
    next.delete(key);
    if (many) {
      const values = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
      values.forEach((v) => next.append(key, v));
    } else if (!current.includes(value)) {
      next.set(key, value);
    }
    setParams(next, { replace: true });
  }

  const data = results.data;
  return (
    <main className="page search" id="main">
      <h1>{q ? <>Results for “{q}”</> : 'Browse everything'}</h1>
      {data && (
        <div className="facets" aria-label="Filters">
          <FacetGroup label="Genre" values={data.facets.genres} selected={genres} onToggle={(v) => toggle('genre', v, true)} />
          <FacetGroup label="Decade" values={data.facets.decades} selected={decade ? [decade] : []} onToggle={(v) => toggle('decade', v)} />
          <FacetGroup
            label="Rating"
            values={data.facets.maturity}
            selected={maturity ? [maturity] : []}
            onToggle={(v) => toggle('maturity', v)}
            display={(v) => maturityLabel(Number(v))}
          />
          <FacetGroup
            label="Access"
            values={data.facets.access}
            selected={access ? [access] : []}
            onToggle={(v) => toggle('access', v)}
            display={(v) => (v === 'free' ? 'Free' : 'With a plan')}
          />
        </div>
      )}
      {results.error && <ErrorNotice message={results.error} onRetry={results.reload} />}
      <p className="result-count" role="status" aria-live="polite">
        {data ? `${data.total} ${data.total === 1 ? 'title' : 'titles'}` : results.loading ? 'Searching…' : ''}
      </p>
      {data && data.items.length > 0 && (
        <ul className="grid" data-row="results" onKeyDown={onRowKeyDown}>
          {data.items.map((title, index) => (
            <li key={title.id}>
              <PosterCard title={title} index={index} />
            </li>
          ))}
        </ul>
      )}
      {data && data.items.length === 0 && <p>No titles match. Check the spelling, or remove a filter.</p>}
    </main>
  );
}

interface FacetGroupProps {
  label: string;
  values: SearchFacetValue[];
  selected: string[];
  onToggle: (value: string) => void;
  display?: (value: string) => string;
}

function FacetGroup({ label, values, selected, onToggle, display = (v) => v }: FacetGroupProps) {
  if (values.length === 0 && selected.length === 0) return null;
  return (
    <fieldset className="facet">
      <legend>{label}</legend>
      {values.map((facet) => (
        <button
          key={facet.value}
          type="button"
          className="chip"
          aria-pressed={selected.includes(facet.value)}
          onClick={() => onToggle(facet.value)}
        >
          {display(facet.value)} <span className="chip-count">{facet.count}</span>
        </button>
      ))}
    </fieldset>
  );
}
