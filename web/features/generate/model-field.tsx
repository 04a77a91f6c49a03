import { isModelId, modelList, type ModelId } from '../../../shared/catalogue'
import { Field } from '../../components/ui/field'
import { Select } from '../../components/ui/select'

type ModelFieldProps = { value: ModelId; error?: string; onChange: (model: ModelId) => void }

export function ModelField({ value, error, onChange }: ModelFieldProps) {
  const models = modelList()
  const blurb = models.find((m) => m.id === value)?.blurb
  return (
    <Field id="param-model" label="Model" hint={blurb} error={error}>
      {(control) => (
        <Select
          {...control}
          name="model"
          value={value}
          onChange={(e) => {
            if (isModelId(e.target.value)) onChange(e.target.value)
          }}
        >
          {models.map((model) => (
            <option key={model.id} value={model.id}>
              {model.displayName}
            </option>
          ))}
        </Select>
      )}
    </Field>
  )
}
