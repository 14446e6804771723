export { type ImageRef, normalizeRepository, parseImageRef, sameRepository, TAG_PATTERN } from './image-ref'
export { type EditRequest, type EditResult, editImageTag, type FieldChange } from './yaml-edit'
