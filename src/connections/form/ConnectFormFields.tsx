import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Section } from '../../ui/Section';
import {
  SECTION_OF,
  type ConnectField,
  type ConnectFormValues,
  type FieldProblems,
  type FormSection,
} from '../connect-form-values';
import { AdvancedFields } from './AdvancedFields';
import type { FormBinding, FormSecrets } from './binding';
import type { FromCodeMarks } from './from-code';
import { GeneralFields } from './GeneralFields';
import { Mqtt5Fields } from './Mqtt5Fields';
import { sectionSummary } from './section-summaries';
import { TlsFields } from './TlsFields';
import { WillFields } from './WillFields';

interface Props {
  values: ConnectFormValues;
  problems: FieldProblems;
  /** Receives an updater, so two changes in one event (transport and port) both land. */
  onChange: (update: (values: ConnectFormValues) => ConnectFormValues) => void;
  onProblemsChange: (update: (problems: FieldProblems) => FieldProblems) => void;
  /** When the form edits a saved profile: its stored secrets and their protection. */
  secrets?: FormSecrets;
  /** Fields a code import left empty because the code computes them. */
  fromCode?: FromCodeMarks | undefined;
}

const FOLDABLE = ['tls', 'will', 'advanced', 'mqtt5'] as const satisfies readonly FormSection[];

function problemCount(problems: FieldProblems, section: FormSection): number {
  return Object.entries(problems).filter(
    ([field, problem]) => problem && field !== 'form' && SECTION_OF[field as ConnectField] === section,
  ).length;
}

/**
 * Every connection option, controlled from outside: the connection form uses it, and the
 * profile form can use the same. General fields are always shown; the rest fold away.
 */
export function ConnectFormFields({
  values,
  problems,
  onChange,
  onProblemsChange,
  secrets,
  fromCode,
}: Props) {
  const { t } = useTranslation();
  const baseId = useId();
  const [open, setOpen] = useState<Partial<Record<FormSection, boolean>>>({});

  const form: FormBinding = {
    values,
    problems,
    set: (field, value) => {
      onChange((v) => ({ ...v, [field]: value }));
      onProblemsChange((p) => (p[field] ? { ...p, [field]: undefined } : p));
    },
    id: (field) => `${baseId}-${field}`,
    secrets,
    fromCode,
  };
  const marked = (section: FormSection) =>
    Object.keys(fromCode ?? {}).some((field) => SECTION_OF[field as ConnectField] === section);

  const body = (section: FormSection) => {
    switch (section) {
      case 'tls':
        return <TlsFields form={form} />;
      case 'will':
        return <WillFields form={form} />;
      case 'advanced':
        return <AdvancedFields form={form} />;
      default:
        return <Mqtt5Fields form={form} />;
    }
  };

  return (
    <>
      <GeneralFields form={form} />
      <div className="form-sections">
        {FOLDABLE.map((section) => {
          const count = problemCount(problems, section);
          return (
            <Section
              key={section}
              title={t(`connections.section.${section}`)}
              // A section with a problem stays open until the problem is fixed; one with a
              // field to fill in from code opens until the user closes it.
              open={open[section] === true || count > 0 || (open[section] === undefined && marked(section))}
              onToggle={(next) => setOpen((o) => ({ ...o, [section]: next }))}
              summary={sectionSummary(section, values)}
              problemCount={count}
            >
              {body(section)}
            </Section>
          );
        })}
      </div>
    </>
  );
}
